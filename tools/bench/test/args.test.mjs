import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flag, numberFlag } from '../lib/args.mjs';

describe('flag', () => {
  it('reads --name value, --name=value and a bare --name', () => {
    const argv = ['node', 'x.mjs', '--runs', '3', '--latency=40', '--smoke'];
    assert.equal(flag('runs', undefined, argv), '3');
    assert.equal(flag('latency', undefined, argv), '40');
    assert.equal(flag('smoke', false, argv), true);
    assert.equal(flag('missing', 'fallback', argv), 'fallback');
  });

  it('treats a following flag as no value', () => {
    assert.equal(flag('only', undefined, ['node', 'x', '--only', '--smoke']), true);
  });
});

describe('numberFlag', () => {
  it('parses numbers and falls back when absent', () => {
    assert.equal(numberFlag('runs', 5, { argv: ['node', 'x', '--runs', '7'] }), 7);
    assert.equal(numberFlag('runs', 5, { argv: ['node', 'x'] }), 5);
    assert.equal(numberFlag('budget-s', 1, { integer: false, argv: ['node', 'x', '--budget-s', '2.5'] }), 2.5);
  });

  it('rejects a value that is not a non-negative number, naming the flag', () => {
    for (const bad of ['abc', '-1', '1.5']) {
      assert.throws(() => numberFlag('runs', 5, { argv: ['node', 'x', '--runs', bad] }), /--runs must be/);
    }
    assert.throws(() => numberFlag('runs', 5, { argv: ['node', 'x', '--runs'] }), /--runs must be/);
  });
});
