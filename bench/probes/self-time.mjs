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

/**
 * Where a function's self time comes from: the call chains (`depth` frames up) of the samples whose
 * leaf it is, largest first — for a native leaf (writeUtf8String …) whose name says nothing of why.
 * @param {{ nodes: any[], samples: number[], timeDeltas: number[] }} profile
 */
export function printCallers(profile, name, { depth = 4, top = 8 } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const { functionName, url, lineNumber } = n.callFrame;
    return `${functionName || '(anonymous)'}${url ? ` ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`;
  };
  const chains = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const leaf = nodes.get(id);
    if (leaf.callFrame.functionName !== name) return;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const chain = [];
    for (let p = parent.get(id); p !== undefined && chain.length < depth; p = parent.get(p)) chain.push(label(nodes.get(p)));
    const key = chain.join(' ← ');
    chains.set(key, (chains.get(key) ?? 0) + dt);
  });
  console.log(`\n${name}: ${(total / 1e3).toFixed(0)} ms, called from:`);
  for (const [key, dt] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(dt / 1e3).toFixed(0).padStart(7)} ms  ${key}`);
}
