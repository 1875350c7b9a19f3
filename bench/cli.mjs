// The real `credit-check-mock` CLI as a bench peer: started with given options (optionally pinned
// to cores with taskset), resolved once it listens; its process id for CPU accounting.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const BIN = join(require.resolve('@credit-check/mock-server/package.json'), '..', 'bin', 'credit-check-mock.js');

/**
 * @param {string[]} options CLI options after the binary (`--port 0 --quiet` are added)
 * @param {{ cores?: string, workers?: number }} [how] taskset core list; workers > 1 waits for every worker
 * @returns {Promise<{ apiBase: string, pid: number, stop: () => Promise<void> }>}
 */
export async function startCli(options, { cores, workers = 1 } = {}) {
  // The banner as text (a pipe would get the JSON log); no request lines either way (--quiet).
  const cli = [BIN, '--port', '0', '--quiet', '--log-format', 'text', ...options];
  const [command, args] = cores ? ['taskset', ['-c', cores, process.execPath, ...cli]] : [process.execPath, cli];
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => proc.kill('SIGKILL');
  process.on('exit', kill);
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
  });
  proc.stderr.on('data', (d) => {
    out += d;
  });
  const ready = workers > 1 ? /Workers\s+\d+/ : /Receipts/;
  await new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (!ready.test(out)) return;
      clearInterval(poll);
      resolve(undefined);
    }, 100);
    proc.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`credit-check-mock exited ${code}:\n${out}`));
    });
  });
  const apiBase = /** @type {RegExpExecArray} */ (/API\s+(http:\/\/\S+\/api\/v1)/.exec(out))[1];
  return {
    apiBase: /** @type {string} */ (apiBase),
    pid: /** @type {number} */ (proc.pid),
    stop: () =>
      new Promise((resolve) => {
        process.off('exit', kill);
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
