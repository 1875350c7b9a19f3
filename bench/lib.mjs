import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import { cpuSeconds } from './cores.mjs';

const children = new Set();
// A crashed or interrupted bench must not leave servers running (or holding the terminal).
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** Forks a bench child and resolves with its first IPC message. */
export function child(file, args = [], execArgv = []) {
  const proc = fork(new URL(file, import.meta.url), args, {
    execArgv: ['--expose-gc', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  const next = () =>
    new Promise((resolve, reject) => {
      proc.once('message', resolve);
      proc.once('exit', (code) => reject(new Error(`${file} exited ${code}`)));
    });
  return next().then((first) => ({
    proc,
    first,
    ask: (m) => {
      const reply = next();
      proc.send(m);
      return reply;
    },
    stop: () =>
      new Promise((r) => {
        proc.once('exit', r);
        proc.send('stop');
      }),
  }));
}

/**
 * Load at a fixed connection count; bodies cycle through `bodies`. With `pid`, also the CPU that
 * process spent (all its threads) per request answered, in µs (`cpuUs`).
 */
export async function load({ url, connections = 64, duration = 10, headers = {}, bodies, method = 'POST', pid }) {
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    pipelining: 1,
    requests: [
      {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
    cpuUs: pid ? ((cpuSeconds(pid) - cpuBefore) / result.requests.total) * 1e6 : Number.NaN,
  };
}

export const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
/** The mark printed beside a goal: met or not, in this run. */
export const mark = (met) => (met ? '✅' : '❌');
export const fmt = (n, d = 1) => (n === undefined || Number.isNaN(n) ? '–' : Number(n).toFixed(d));
