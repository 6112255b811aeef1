import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distinctPlates, inputSpellings, normalisePlate, spell } from '../lib/n8n-items.mjs';

const plates = Array.from({ length: 1000 }, (_, i) => `AB${10000 + i}`);

describe('inputSpellings', () => {
  it('gives the requested count over about 90 % distinct plates, the way the node normalises them', () => {
    for (const count of [2, 120, 1000]) {
      const spellings = inputSpellings(plates, count);
      assert.equal(spellings.length, count);
      assert.equal(distinctPlates(spellings), Math.round(count * 0.9));
      assert.ok(spellings.every((s) => plates.includes(normalisePlate(s))));
    }
  });

  it('includes lower-case, spaced and hyphenated spellings', () => {
    const spellings = inputSpellings(plates, 1000);
    assert.equal(spell('AB10001', 1), 'ab10001');
    assert.ok(spellings.some((s) => s === s.toLowerCase()));
    assert.ok(spellings.some((s) => s.includes(' ')));
    assert.ok(spellings.some((s) => s.includes('-')));
  });

  it('refuses when there are too few plates', () => {
    assert.throws(() => inputSpellings(plates.slice(0, 10), 100), RangeError);
  });
});
