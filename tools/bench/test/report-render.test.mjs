import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleJson, mergeResults, renderMarkdown } from '../lib/report-render.mjs';
import { resultProblems } from '../lib/results.mjs';

const result = (overrides = {}) => ({
  schema: 1,
  id: 'token-single-flight',
  item: 3,
  title: 'Token single-flight',
  mode: 'full',
  measuredAt: '2026-01-02T03:04:05.000Z',
  machine: { cpuModel: 'Test CPU', cores: 2, memoryGiB: 4, node: 'v20.0.0', os: 'linux', loadAverage1m: 1.5 },
  command: 'node tools/bench/items/3-token-single-flight.mjs',
  rows: [
    { measurement: 'cold start', median: 1, unit: 'token requests', samples: [1, 1, 1], goal: '= 1', met: true },
    {
      measurement: 'after expiry',
      median: 2,
      unit: 'token requests',
      goal: '= 1',
      met: false,
      command: 'node other.mjs',
    },
  ],
  ...overrides,
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown({ results: [result()], generatedAt: '2026-01-02T00:00:00.000Z', mode: 'full' });

  it('gives every row its reproducing command and its verdict', () => {
    assert.match(
      markdown,
      /\| cold start \| 1 token requests \(median of 3\) \|.*\| met \| `node tools\/bench\/items\/3-token-single-flight\.mjs` \|/,
    );
    assert.match(markdown, /\| after expiry \|.*\| \*\*missed\*\* \| `node other\.mjs` \|/);
  });

  it('lists items without results as not yet measured, with the script they expect', () => {
    assert.match(markdown, /\| 4 \| n8n.*\| not yet measured \|/);
    assert.match(
      markdown,
      /## 5\. Sample app[\s\S]*\*\*Not yet measured\.\*\* Expected script: `tools\/bench\/items\/5-case-system\.mjs, tools\/bench\/items\/5-case-system-drain\.mjs`/,
    );
    assert.match(markdown, /\| 3 \| Token single-flight.*\| measured \(2026-01-02\) \| 1 \/ 1 \|/);
  });

  it('reports the machine facts and load of each result', () => {
    assert.match(markdown, /Test CPU · 2 cores · 4 GiB · Node v20\.0\.0 · linux/);
    assert.match(markdown, /token-single-flight 1\.5/);
  });

  it('escapes pipes inside cells', () => {
    const piped = renderMarkdown({
      results: [result({ rows: [{ measurement: 'a | b', median: 1 }] })],
      generatedAt: 'now',
      mode: 'full',
    });
    assert.match(piped, /\| a \\\| b \|/);
  });
});

describe('mergeResults and assembleJson', () => {
  it('lets a fresh result replace an older one with the same id and keeps the others', () => {
    const older = [result({ measuredAt: 'old' }), result({ id: 'bulk', item: 1 })];
    const merged = mergeResults(older, [result({ measuredAt: 'new' })]);
    assert.deepEqual(
      merged.map((r) => [r.id, r.measuredAt]),
      [
        ['bulk', '2026-01-02T03:04:05.000Z'],
        ['token-single-flight', 'new'],
      ],
    );
    const json = assembleJson({ results: merged, generatedAt: 'now', mode: 'full' });
    assert.equal(json.items.length, 6);
    assert.equal(json.items.find((i) => i.item === 4).status, 'not yet measured');
    assert.equal(json.items.find((i) => i.item === 3).results.length, 1);
  });
});

describe('resultProblems', () => {
  it('accepts a complete result and names what is missing from a broken one', () => {
    assert.deepEqual(resultProblems(result()), []);
    const problems = resultProblems({ id: 'Bad Id', item: 0, rows: [{ median: {} }] });
    assert.ok(problems.includes('id must be kebab-case'));
    assert.ok(problems.includes('item must be the issue item number'));
    assert.ok(problems.includes('command is required'));
    assert.ok(problems.some((p) => p.startsWith('rows[0].measurement')));
  });
});

describe('machine section', () => {
  it('says so when the load average exceeded the core count', () => {
    const busy = renderMarkdown({
      results: [result({ machine: { ...result().machine, loadAverage1m: 3.5 } })],
      generatedAt: 'now',
      mode: 'full',
    });
    assert.match(busy, /taken on a busy machine/);
    const calm = renderMarkdown({ results: [result()], generatedAt: 'now', mode: 'full' });
    assert.doesNotMatch(calm, /busy machine/);
  });
});

describe('ratio cell', () => {
  it('writes a multiple as "× baseline" and a share as a percentage', () => {
    const markdown = renderMarkdown({
      results: [
        result({
          rows: [
            { measurement: 'multiple', median: 2, ratio: 1.5, ratioTo: 'raw fetch' },
            { measurement: 'share', median: 3, ratio: 41.9, ratioTo: '% of profile' },
          ],
        }),
      ],
      generatedAt: 'now',
      mode: 'full',
    });
    assert.match(markdown, /\| multiple \| 2 \| 1\.5 × raw fetch \|/);
    assert.match(markdown, /\| share \| 3 \| 41\.9 % of profile \|/);
  });
});
