#!/usr/bin/env node
// Simulator throughput: plate lookups served per second with 100-item bulks (goal ≥ 5 000/s on
// 2 cores), against a baseline in the same process: a bare node:http server that answers the same
// bytes without auth, lookup or serialisation. The ratio says how much of loopback HTTP the
// simulator's own work costs.
import { createServer } from 'node:http';
import { configFromEnv, createKjoretoyregisterClient } from '@kjoretoyregister/core';
import { startSimulator } from '@kjoretoyregister/simulator';
import { drive, flag, median, report, smoke } from './lib.mjs';

const BULK = 100;
const concurrency = Number(flag('concurrency', 8));
const requests = Number(flag('requests', smoke ? 40 : 600));
const runs = Number(flag('runs', smoke ? 1 : 5));

const simulator = await startSimulator({ port: 0, vehicles: Number(flag('vehicles', smoke ? 10_000 : 100_000)) });
const client = createKjoretoyregisterClient(configFromEnv(simulator.env));
const token = (await client.getAccessToken()).value;

// Real plates from the register, so every item is a hit with a full vehicle body.
const hits = await client.sok('kjennemerke', { kjennemerke: 'ST100??', antall: 20 });
const plates = (hits.kjoretoyresponser ?? [])
  .filter((r) => r.kjoretoy?.kjoretoyId?.kjennemerke)
  .map((r) => r.kjoretoy.kjoretoyId.kjennemerke.replace(/\s/g, ''));
const body = JSON.stringify(Array.from({ length: BULK }, (_, i) => ({ kjennemerke: plates[i % plates.length] })));
const url = `${simulator.url}/kjoretoyregister/api/${simulator.demo.fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke`;
const headers = {
  authorization: `Bearer ${token}`,
  integrasjonid: simulator.demo.integrasjonId,
  integrasjonpassord: simulator.demo.integrasjonPassord,
  'content-type': 'application/json',
  accept: 'application/json',
};

// Baseline: the same response bytes from a server that does nothing else.
const sample = await fetch(url, { method: 'POST', headers, body });
const canned = Buffer.from(await sample.text());
const baseline = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(canned));
});
await new Promise((resolve) => baseline.listen(0, '127.0.0.1', resolve));
const baselineUrl = `http://127.0.0.1:${baseline.address().port}/bulk`;

const simRates = [];
const baseRates = [];
try {
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
  await client.close();
  await simulator.stop();
}

const sim = median(simRates);
const base = median(baseRates);
report(
  `Simulator: plate lookups served per second (${runs} runs × ${requests} requests × ${BULK} items, concurrency ${concurrency}, response ${Math.round(canned.length / 1024)} KiB)`,
  [
    { what: 'bare node:http, same bytes (baseline)', 'lookups/s (median)': Math.round(base) },
    { what: 'simulator (auth + lookup + JSON)', 'lookups/s (median)': Math.round(sim) },
    { what: 'ratio simulator / baseline', 'lookups/s (median)': Number((sim / base).toFixed(2)) },
    { what: 'goal: ≥ 5 000 lookups/s', 'lookups/s (median)': sim >= 5_000 ? 'met' : smoke ? 'n/a (smoke)' : 'MISSED' },
  ],
);
