#!/usr/bin/env node
// Item 6 — simulator throughput: plate lookups served per second with 100-item bulks, against a
// baseline in the same process: a bare node:http server that answers the same bytes without
// auth, lookup or serialisation. The ratio says how much of loopback HTTP the simulator's own
// work costs. Driver and server share this process in both cases, so the ratio is fair and the
// absolute rate is a lower bound.
import { createServer } from 'node:http';
import { startSimulator } from '@kjoretoyregister/simulator';
import { numberFlag, smoke } from '../lib/args.mjs';
import { bulkKjennemerkeUrl, fiksHeaders, naiveTokenSource } from '../lib/fiks.mjs';
import { drive } from '../lib/drive.mjs';
import { collectPlates } from '../lib/plates.mjs';
import { reproduceCommand, verdict, writeResult } from '../lib/results.mjs';
import { median, round } from '../lib/stats.mjs';

const BULK = 100;
const concurrency = numberFlag('concurrency', 8);
const requests = numberFlag('requests', smoke ? 40 : 600);
const runs = numberFlag('runs', smoke ? 1 : 5);
const vehicles = numberFlag('vehicles', smoke ? 10_000 : 1_000_000);
const started = performance.now();

const simulator = await startSimulator({ port: 0, vehicles });
const simRates = [];
const baseRates = [];
let responseBytes = 0;
const baseline = createServer();
try {
  const token = await (await naiveTokenSource(simulator))();
  // Distinct plates from the register, so every item is a hit with a full vehicle body.
  const plates = await collectPlates(simulator, token, BULK);
  const body = JSON.stringify(plates.map((kjennemerke) => ({ kjennemerke })));
  const url = bulkKjennemerkeUrl(simulator);
  const headers = fiksHeaders(simulator, token);

  const sample = await fetch(url, { method: 'POST', headers, body });
  const canned = Buffer.from(await sample.text());
  responseBytes = canned.length;
  baseline.on('request', (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(canned));
  });
  await new Promise((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const baselineUrl = `http://127.0.0.1:${baseline.address().port}/bulk`;

  for (let run = 0; run < runs; run++) {
    const base = await drive({
      total: requests,
      concurrency,
      makeRequest: () => ({ url: baselineUrl, method: 'POST', headers, body }),
    });
    const sim = await drive({
      total: requests,
      concurrency,
      makeRequest: () => ({ url, method: 'POST', headers, body }),
    });
    if (Object.keys(sim.statuses).some((s) => s !== '200'))
      throw new Error(`simulator answered ${JSON.stringify(sim.statuses)}`);
    baseRates.push((requests * BULK) / (base.elapsedMs / 1000));
    simRates.push((requests * BULK) / (sim.elapsedMs / 1000));
  }
} finally {
  baseline.close();
  await simulator.stop();
}

const sim = median(simRates);
const base = median(baseRates);
await writeResult({
  id: 'simulator-throughput',
  item: 6,
  title: `Simulator: plate lookups served per second at ${vehicles.toLocaleString('en-US')} vehicles`,
  command: reproduceCommand(import.meta.url),
  durationMs: Math.round(performance.now() - started),
  parameters: { vehicles, concurrency, requests, runs, bulk: BULK, responseKiB: Math.round(responseBytes / 1024) },
  rows: [
    {
      measurement: `simulator: auth + lookup + JSON, ${BULK}-item bulks, concurrency ${concurrency}`,
      median: Math.round(sim),
      unit: 'lookups/s',
      samples: simRates.map(Math.round),
      ratio: round(sim / base),
      ratioTo: 'bare node:http, same bytes',
      goal: '≥ 5 000 lookups/s',
      met: verdict(sim >= 5_000),
    },
    {
      measurement: 'bare node:http server answering the same bytes (baseline)',
      median: Math.round(base),
      unit: 'lookups/s',
      samples: baseRates.map(Math.round),
    },
  ],
  notes: [
    `Each request is a POST bulk/kjennemerke with ${BULK} distinct plates that exist (response about ${Math.round(responseBytes / 1024)} KiB), sent with undici over a keep-alive agent from the same process.`,
  ],
});
