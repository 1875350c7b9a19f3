// Cores apart for the load generator and what it measures (taskset), and CPU accounting from /proc:
// shared by the sections that start the real CLI (workers, postgres).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICKS = 100; // USER_HZ: /proc's CPU times are in 1/100 s on Linux

/**
 * Moves this process (the load generator) to core 0 when the machine has at least `min` cores and
 * taskset; `restore` gives it every core back. Otherwise says why the run is not pinned.
 * @returns {{ cores: number, restore?: () => void, why?: string }}
 */
export function pinLoadGenerator(min, whyFew) {
  const n = cpus().length;
  if (n < min) return { cores: n, why: `${n} cores: ${whyFew}` };
  try {
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return { cores: n, why: 'no taskset on this machine' };
  }
  return { cores: n, restore: () => execFileSync('taskset', ['-a', '-cp', `0-${n - 1}`, String(process.pid)], { stdio: 'ignore' }) };
}

/** A process's /proc/PID/stat fields after its name (state is [0], ppid [1], utime [11] … cstime [14]). */
function stat(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ');
  } catch {
    return undefined; // exited meanwhile
  }
}

/** The live children of a process. */
export function childrenOf(pid) {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(stat(e)?.[1]) === pid)
    .map(Number);
}

/** CPU seconds a process and its children (live, and those it reaped) have used. */
export function cpuSeconds(pid) {
  const own = stat(pid);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const child of childrenOf(pid)) {
    const f = stat(child);
    if (f) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS;
}

/** Pins a process and every process it has started (those it starts later inherit it). */
export function pin(pid, cores) {
  for (const p of [pid, ...childrenOf(pid)]) {
    try {
      execFileSync('taskset', ['-a', '-cp', cores, String(p)], { stdio: 'ignore' });
    } catch {
      // gone meanwhile
    }
  }
}
