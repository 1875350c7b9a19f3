import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/credit-check-mock.js', import.meta.url));

export interface Spawned {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

/** Starts the real `credit-check-mock` bin (built by `tsc -b`) and waits for its ready banner. */
export function spawnMock(args: string[], env: Record<string, string> = {}): Promise<Spawned> {
  if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) {
    throw new Error('packages/mock-server/dist is missing: run `pnpm typecheck` (tsc -b) before these tests');
  }
  // A subcommand comes first (`proxy …`).
  const argv = args[0] === 'proxy' ? ['proxy', '--port', '0', ...args.slice(1)] : ['--port', '0', ...args];
  const child = spawn(process.execPath, [BIN, ...argv], {
    // The banner as a person reads it, unless a test asks for JSON (a pipe would get JSON by default).
    env: { ...process.env, CREDIT_CHECK_LOG_FORMAT: 'text', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready banner:\n${out}`)), 30_000);
    const check = () => {
      // The text banner, or the JSON `ready` line ("api":"http://…/api/v1").
      const match = /API\s+(http:\/\/[^/\s]+)\/api\/v1/.exec(out) ?? /"api":"(http:\/\/[^/"]+)\/api\/v1"/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, origin: match[1] as string, output: () => out });
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${out}`));
    });
  });
}

/**
 * Resolves with the exit code once the process has exited and its output is all read ('close', not
 * 'exit': at 'exit' the last lines may still be in the pipe, and `output()` would miss them).
 */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    const drained = !child.stdout || child.stdout.readableEnded;
    if ((child.exitCode !== null || child.signalCode !== null) && drained) resolve(child.exitCode);
    else child.once('close', (code) => resolve(code));
  });
}
