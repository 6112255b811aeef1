import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, percentile, round } from '../lib/stats.mjs';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values, without reordering the input', () => {
    const values = [9, 1, 5];
    assert.equal(median(values), 5);
    assert.deepEqual(values, [9, 1, 5]);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), undefined);
  });
});

describe('percentile and round', () => {
  it('uses the nearest-rank percentile and rounds to the given decimals', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 99), 99);
    assert.equal(round(1.23456, 2), 1.23);
    assert.equal(round(undefined), undefined);
  });
});
