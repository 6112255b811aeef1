#!/usr/bin/env node
// Item 4 — n8n: N input items (plates that exist, some repeated or typed differently) through ONE
// real `n8n execute` of the Kjøretøyregister node, counting what reaches the simulator. Baselines
// in the same process: core directly over the same items against the same simulator, and the
// per-item approach (n8n's HTTP Request node: one request per item), which is computed, not run.
// n8n's wall time includes its start-up, so a 1-item execution is timed alongside to subtract it.
import { loadavg } from 'node:os';
import { configFromEnv, createKjoretoyregisterClient } from '@kjoretoyregister/core';
import { startSimulator } from '@kjoretoyregister/simulator';
import { flag, numberFlag, smoke } from '../lib/args.mjs';
import { naiveTokenSource } from '../lib/fiks.mjs';
import { N8N_VERSION, cacheDir, isN8nInstalled, prepareN8n, requireNodeBuilt } from '../lib/n8n-harness.mjs';
import { distinctPlates, inputSpellings } from '../lib/n8n-items.mjs';
import { collectPlates } from '../lib/plates.mjs';
import { reproduceCommand, verdict, writeResult } from '../lib/results.mjs';
import { statsDelta } from '../lib/simulator-process.mjs';
import { median, round } from '../lib/stats.mjs';

const N = numberFlag('items', smoke ? 120 : 1000);
const runs = numberFlag('runs', smoke ? 1 : 3);
const latencyMs = numberFlag('latency', 20);
const maxBulkSize = numberFlag('max-bulk-size', 100);
const vehicles = numberFlag('vehicles', 100_000);
// The 1-item execution costs one more n8n start (several seconds); smoke leaves it out by default
// to stay inside CI's one-minute budget for the whole bench smoke.
const trivial = flag('trivial', smoke ? 'off' : 'on') !== 'off';
// Untimed 1-item executions first: the first n8n start after the imports meets cold file caches.
const warmups = numberFlag('warmup', smoke ? 0 : 1);
// Every n8n command is bounded: start-up plus 1 000 items takes well under a minute warm.
const commandTimeoutMs = numberFlag('timeout-s', smoke ? 50 : 180) * 1000;
const started = performance.now();
const loadBefore = Math.round(loadavg()[0] * 100) / 100;
const command = reproduceCommand(import.meta.url);
const title = `n8n: items in → HTTP requests out for ${N.toLocaleString('en-US')} items (real n8n ${N8N_VERSION})`;

if (N < 2) throw new TypeError('--items must be at least 2');

// CI installs n8n before the bench smoke; anywhere else a smoke run must not start a
// several-minute install, so it records that nothing was measured instead.
if (smoke && !(await isN8nInstalled())) {
  const note = `Skipped: n8n ${N8N_VERSION} is not installed in ${cacheDir()} and a smoke run does not install it (run the full item or tools/n8n-e2e/run.mjs once).`;
  console.log(note);
  await writeResult({
    id: 'n8n',
    item: 4,
    title,
    command,
    parameters: { items: N, runs, skipped: true },
    rows: [{ measurement: 'n8n execute: bulk/kjennemerke requests', median: null, unit: 'requests', met: null }],
    notes: [note],
  });
  process.exit(0);
}
await requireNodeBuilt();

const simulator = await startSimulator({ port: 0, vehicles, latencyMs, maxBulkSize });
const samples = {
  n8nRequests: [],
  n8nTokens: [],
  n8nTotal: [],
  n8nOutputs: [],
  n8nFound: [],
  n8nMs: [],
  trivialMs: [],
  itemsCostMs: [],
  coreRequests: [],
  coreTokens: [],
  coreTotal: [],
  coreMs: [],
};
let spellings;
let distinct;
let n8n;
try {
  const token = await naiveTokenSource(simulator);
  const plates = await collectPlates(simulator, await token(), Math.round(N * 0.9));
  spellings = inputSpellings(plates, N);
  distinct = distinctPlates(spellings);
  const executions = Array.from({ length: warmups }, (_, i) => ({
    key: `warmup-${i}`,
    spellings: spellings.slice(0, 1),
  }));
  for (let run = 0; run < runs; run++) {
    executions.push({ key: `items-${run}`, spellings });
    if (trivial) executions.push({ key: `one-${run}`, spellings: spellings.slice(0, 1) });
  }
  n8n = await prepareN8n({ simulator, executions, maxBulkSize, timeoutMs: commandTimeoutMs });
  const config = configFromEnv(simulator.env);

  const counted = async (fn) => {
    const before = simulator.stats();
    const value = await fn();
    return { value, ...statsDelta(before, simulator.stats()) };
  };
  const runItems = async (run) => {
    const { value, httpRequests, tokenRequests, requests } = await counted(() => n8n.execute(`items-${run}`));
    samples.n8nMs.push(value.wallMs);
    samples.n8nRequests.push(httpRequests);
    samples.n8nTokens.push(tokenRequests);
    samples.n8nTotal.push(requests);
    samples.n8nOutputs.push(value.items.length);
    samples.n8nFound.push(value.items.filter((item) => item.json.status === 'found').length);
    return value.wallMs;
  };
  const runTrivial = async (run) => {
    const { wallMs } = await n8n.execute(`one-${run}`);
    samples.trivialMs.push(wallMs);
    return wallMs;
  };
  const runCore = async () => {
    // A fresh client per run: cold token cache, as the node's fresh credential.
    const client = createKjoretoyregisterClient({ ...config, maxBulkSize });
    try {
      await client.loadKeyMaterial();
      const { value, httpRequests, tokenRequests, requests } = await counted(async () => {
        const t0 = performance.now();
        await client.lookupKjennemerke(spellings.map((kjennemerke) => ({ kjennemerke })));
        return performance.now() - t0;
      });
      samples.coreMs.push(value);
      samples.coreRequests.push(httpRequests);
      samples.coreTokens.push(tokenRequests);
      samples.coreTotal.push(requests);
    } finally {
      await client.close();
    }
  };

  for (let i = 0; i < warmups; i++) await n8n.execute(`warmup-${i}`);
  for (let run = 0; run < runs; run++) {
    // The two n8n executions take turns going first, so neither always meets a quieter machine.
    let itemsMs;
    let oneMs;
    if (!trivial) itemsMs = await runItems(run);
    else if (run % 2 === 0) {
      itemsMs = await runItems(run);
      oneMs = await runTrivial(run);
    } else {
      oneMs = await runTrivial(run);
      itemsMs = await runItems(run);
    }
    if (trivial) samples.itemsCostMs.push(itemsMs - oneMs);
    await runCore();
  }
} finally {
  await n8n?.dispose();
  await simulator.stop();
}

const expectedRequests = Math.ceil(distinct / maxBulkSize);
const perItemRequests = N;
const perItemTotal = N + 1;
const n8nRequests = median(samples.n8nRequests);
const n8nTotal = median(samples.n8nTotal);
const coreTotal = median(samples.coreTotal);
const every = (values, expected) => values.length === runs && values.every((v) => v === expected);
const ms = (values) => values.map((v) => round(v, 0));
const items = N.toLocaleString('en-US');
const rows = [
  {
    measurement: `n8n execute, ${items} items (${distinct} distinct) → node: bulk/kjennemerke requests`,
    median: n8nRequests,
    unit: 'requests',
    samples: samples.n8nRequests,
    ratio: round(n8nRequests / perItemRequests, 4),
    ratioTo: `per-item HTTP Request node (${perItemRequests} requests)`,
    goal: `= ceil(distinct/maxBulkSize) = ceil(${distinct}/${maxBulkSize}) = ${expectedRequests}`,
    // Holds at any size, so smoke runs judge it too (as item 1 does for its request count).
    met: verdict(every(samples.n8nRequests, expectedRequests), { sizeDependent: false }),
  },
  {
    measurement: 'n8n execute: token requests (fresh credential, empty stored token)',
    median: median(samples.n8nTokens),
    unit: 'requests',
    samples: samples.n8nTokens,
    goal: '= 1',
    met: verdict(every(samples.n8nTokens, 1), { sizeDependent: false }),
  },
  {
    measurement: `n8n execute: output items (of ${items} input items)`,
    median: median(samples.n8nOutputs),
    unit: 'items',
    samples: samples.n8nOutputs,
    goal: `= ${items} (one per input item)`,
    met: verdict(every(samples.n8nOutputs, N), { sizeDependent: false }),
  },
  {
    measurement: 'n8n execute: output items with status found',
    median: median(samples.n8nFound),
    unit: 'items',
  },
  {
    measurement: 'n8n execute: every HTTP request the simulator saw (Fiks + token)',
    median: n8nTotal,
    unit: 'requests',
    samples: samples.n8nTotal,
    ratio: round(n8nTotal / perItemTotal, 4),
    ratioTo: `per-item approach (${perItemTotal} = ${perItemRequests} + 1 token)`,
  },
  {
    measurement: `per-item approach (n8n HTTP Request node, one request per item, one cached token): computed`,
    median: perItemTotal,
    unit: 'requests',
  },
  {
    measurement: `core lookupKjennemerke directly, same items and simulator: every HTTP request (${median(samples.coreRequests)} bulk + ${median(samples.coreTokens)} token)`,
    median: coreTotal,
    unit: 'requests',
    samples: samples.coreTotal,
  },
  {
    measurement: 'n8n requests / core requests (Fiks + token)',
    median: round(n8nTotal / coreTotal, 2),
    unit: '×',
    ratio: round(n8nTotal / coreTotal, 2),
    ratioTo: 'core directly',
    goal: '= 1 (the node adds no requests to core)',
    met: verdict(
      samples.n8nTotal.every((n, i) => n === samples.coreTotal[i]),
      { sizeDependent: false },
    ),
  },
  {
    measurement: `n8n execute wall time, ${items} items (includes n8n start-up)`,
    median: round(median(samples.n8nMs), 0),
    unit: 'ms',
    samples: ms(samples.n8nMs),
  },
];
if (trivial) {
  const costMs = median(samples.itemsCostMs);
  rows.push(
    {
      measurement: 'n8n execute wall time, 1 item (start-up baseline: same workflow, node and fresh credential)',
      median: round(median(samples.trivialMs), 0),
      unit: 'ms',
      samples: ms(samples.trivialMs),
    },
    {
      measurement: `n8n: cost of the other ${(N - 1).toLocaleString('en-US')} items (${items}-item minus 1-item execution, per run)`,
      median: round(costMs, 0),
      unit: 'ms',
      samples: ms(samples.itemsCostMs),
      ratio: round(costMs / median(samples.coreMs), 1),
      ratioTo: 'core directly, same items',
    },
  );
}
rows.push({
  measurement: `core lookupKjennemerke directly, ${items} items: wall time (in process, no start-up)`,
  median: round(median(samples.coreMs), 1),
  unit: 'ms',
  samples: samples.coreMs.map((v) => round(v, 1)),
});

await writeResult({
  id: 'n8n',
  item: 4,
  title,
  command,
  durationMs: Math.round(performance.now() - started),
  parameters: { items: N, distinct, runs, warmups, latencyMs, maxBulkSize, vehicles, trivial, n8n: N8N_VERSION },
  rows,
  notes: [
    `Real n8n ${N8N_VERSION} (\`n8n execute --id\`, the node loaded through N8N_CUSTOM_EXTENSIONS as CUSTOM.fiksKjoretoyregister, set up as in tools/n8n-e2e): manual trigger → Code node emitting the items → the node (Kjøretøy, lookup by kjennemerke, maxBulkSize ${maxBulkSize}). Each execution has its own freshly imported credential, so it starts with no stored token.`,
    `Items: ${items} plates that exist in the simulator (${vehicles.toLocaleString('en-US')} vehicles, found by S1 wildcard searches), ${distinct} distinct; about one in five distinct plates and every repeat typed in lower case, with a space or with a hyphen.`,
    `Simulator in the bench process with a fixed ${latencyMs} ms latency on every request; requests counted from its stats (bulk/kjennemerke route and the token route). Core runs a fresh client per run over the same items against the same simulator.`,
    'The per-item approach is computed, not run: n8n’s HTTP Request node sends one request per item; with an OAuth2-style credential the token is cached, so + 1 token request at best.',
    `Wall times are spawn to exit of \`n8n execute\` and include n8n’s start-up (loading nodes, the database, the task runner for the Code node)${trivial ? '; a 1-item execution of the same workflow shape is the start-up baseline' : ''}${warmups > 0 ? `, after ${warmups} untimed 1-item execution(s)` : ''}. Start-up dominates and varies with machine load (load average ${loadBefore} at the start), so wall times are noisy; the request counts are exact.`,
  ],
});
