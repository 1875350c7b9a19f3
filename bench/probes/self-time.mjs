// Self time per function from a V8 CPU profile (node:inspector's Profiler.stop, or a --cpu-prof
// file), printed largest first — what the probes quote.

/**
 * @param {{ nodes: any[], samples: number[], timeDeltas: number[] }} profile
 * @param {{ top?: number, lastSeconds?: number }} [options] `lastSeconds`: only the profile's end (a load that ran last)
 */
export function printSelfTime(profile, { top = 20, lastSeconds } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  let t = 0;
  const at = profile.timeDeltas.map((d) => (t += d));
  const from = lastSeconds === undefined ? Number.NEGATIVE_INFINITY : t - lastSeconds * 1e6;
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (at[i] < from) return;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const where = url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  console.log(`\nself time, ${(total / 1e6).toFixed(1)} s sampled:`);
  for (const [key, dt] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(dt / 1e3).toFixed(0).padStart(7)} ms ${((100 * dt) / total).toFixed(1).padStart(5)} %  ${key}`);
}
