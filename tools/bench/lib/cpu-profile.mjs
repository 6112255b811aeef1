// Reads a V8 .cpuprofile (written by `node --cpu-prof`) and sums self time per function and per
// area (core, zod, undici, node internals, GC, idle), so a profile can be read without DevTools.

/** Self time in ms per node id: each sample's following time delta is charged to its node. */
function selfTimes(profile) {
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the gap before sample i; charge the gap after it (i + 1) to sample i.
    const delta = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + delta);
  }
  return self;
}

export function areaOf(url, functionName) {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 / native';
  if (url === '' || url === undefined) return 'V8 / native';
  if (url.startsWith('node:')) return 'node internals';
  if (/packages\/core\//.test(url)) return 'core';
  if (/packages\/simulator\//.test(url)) return 'simulator';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (/tools\/bench\//.test(url)) return 'bench script';
  return 'other';
}

function shortLocation(url, line) {
  if (!url) return '';
  const trimmed = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/(packages\/|node_modules\/|tools\/)/, '$1')
    .replace(/^node:/, 'node:');
  return `${trimmed}:${line + 1}`;
}

/** `{ totalMs, functions: [{ name, location, area, selfMs, share }], areas: [{ area, selfMs, share }] }`. */
export function summariseProfile(profile, { top = 15 } = {}) {
  const self = selfTimes(profile);
  const byFunction = new Map();
  const byArea = new Map();
  let totalMs = 0;
  for (const node of profile.nodes ?? []) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    totalMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const area = areaOf(url, functionName);
    const key = `${name}\u0000${url}\u0000${lineNumber}`;
    const entry = byFunction.get(key) ?? { name, location: shortLocation(url, lineNumber), area, selfMs: 0 };
    entry.selfMs += ms;
    byFunction.set(key, entry);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  const share = (ms) => (totalMs === 0 ? 0 : ms / totalMs);
  const functions = [...byFunction.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map((f) => ({ ...f, share: share(f.selfMs) }));
  const areas = [...byArea.entries()]
    .map(([area, selfMs]) => ({ area, selfMs, share: share(selfMs) }))
    .sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs, functions, areas };
}
