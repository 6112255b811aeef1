import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areaOf, summariseProfile } from '../lib/cpu-profile.mjs';

const frame = (functionName, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

// root → readElement (core) → parse (zod); plus idle. Deltas are in microseconds; each sample
// is charged the delta that follows it.
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4] },
    { id: 2, callFrame: frame('readElement', 'file:///r/packages/core/dist/contract/envelope.js', 51), children: [3] },
    { id: 3, callFrame: frame('parse', 'file:///r/node_modules/zod/v4/core/schemas.js', 10), children: [] },
    { id: 4, callFrame: frame('(idle)'), children: [] },
  ],
  samples: [2, 3, 3, 4, 2],
  timeDeltas: [0, 1000, 2000, 3000, 4000],
};

describe('summariseProfile', () => {
  it('charges each sample the following time delta and sums self time per function and area', () => {
    const summary = summariseProfile(profile);
    assert.equal(summary.totalMs, 10);
    const byName = Object.fromEntries(summary.functions.map((f) => [f.name, f]));
    assert.equal(byName.readElement.selfMs, 1);
    assert.equal(byName.parse.selfMs, 5);
    assert.equal(byName['(idle)'].selfMs, 4);
    assert.equal(byName.readElement.location, 'packages/core/dist/contract/envelope.js:52');
    assert.deepEqual(
      summary.areas.map((a) => [a.area, a.selfMs]),
      [
        ['zod', 5],
        ['idle', 4],
        ['core', 1],
      ],
    );
    assert.equal(summary.functions[0].share, 0.5);
  });

  it('keeps only the top functions when asked', () => {
    assert.equal(summariseProfile(profile, { top: 1 }).functions.length, 1);
  });
});

describe('areaOf', () => {
  it('names node internals, packages of this repo and dependencies', () => {
    assert.equal(areaOf('node:internal/encoding', 'decode'), 'node internals');
    assert.equal(areaOf('file:///w/packages/simulator/dist/x.js', 'f'), 'simulator');
    assert.equal(areaOf('file:///w/node_modules/@scope/pkg/index.js', 'f'), '@scope/pkg');
    assert.equal(areaOf('', '(garbage collector)'), 'GC');
    assert.equal(areaOf('', 'anonymous'), 'V8 / native');
  });
});
