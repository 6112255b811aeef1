#!/usr/bin/env node
// Child process for item 2: heap retained by N lookup results through core against the same
// bodies JSON-parsed by hand (baseline), in one fresh process with --expose-gc. Reads
// `{ simulator, plates, dtg }` as JSON on stdin and writes one JSON line on stdout.
import { configFromEnv, createKjoretoyregisterClient } from '@kjoretoyregister/core';
import { Agent, fetch } from 'undici';
import { bulkKjennemerkeUrl, fiksHeaders } from './fiks.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const input = JSON.parse(await new Response(process.stdin).text());
const { simulator, plates, dtg, token } = input;

function settledHeap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

async function rawBodies(dispatcher, list) {
  const kept = [];
  for (let i = 0; i < list.length; i += 100) {
    const body = JSON.stringify(list.slice(i, i + 100).map((kjennemerke) => ({ kjennemerke, dtg })));
    const response = await fetch(bulkKjennemerkeUrl(simulator), {
      method: 'POST',
      headers: fiksHeaders(simulator, token),
      body,
      dispatcher,
    });
    kept.push(JSON.parse(await response.text()));
  }
  return kept;
}

const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const client = createKjoretoyregisterClient(configFromEnv(simulator.env));
// Warm both paths so code, connections and the token are not counted as results.
await rawBodies(dispatcher, plates.slice(0, 100));
await client.lookupKjennemerke(plates.slice(0, 100), { dtg });

// Each measurement runs in its own function: a top-level await can keep its temporaries alive,
// which would leave the first result set on the heap while the second is measured.
async function retained(load, count) {
  const before = settledHeap();
  const held = await load();
  const bytes = settledHeap() - before;
  return { bytes, count: count(held) };
}

const raw = await retained(
  () => rawBodies(dispatcher, plates),
  (lists) => lists.reduce((sum, list) => sum + list.length, 0),
);
const core = await retained(
  () => client.lookupKjennemerke(plates, { dtg }),
  (outcomes) => outcomes.filter((o) => o.status === 'found').length,
);

await client.close();
await dispatcher.close();
process.stdout.write(
  JSON.stringify({
    rawBytes: raw.bytes,
    coreBytes: core.bytes,
    rawCount: raw.count,
    found: core.count,
    results: plates.length,
  }),
);
