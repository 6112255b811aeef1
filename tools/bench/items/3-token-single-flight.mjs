#!/usr/bin/env node
// Item 3 — token single-flight: N concurrent lookups at cold start, after the token expired, and
// with the token expiring while N/2 requests are in flight; token requests per expiry through
// core vs a cache without single-flight (check, else fetch) in the same process. The simulator
// runs in this process so it can share one injected clock with both clients: expiry is a clock
// step, not a wait.
import { configFromEnv, createKjoretoyregisterClient } from '@kjoretoyregister/core';
import { startSimulator } from '@kjoretoyregister/simulator';
import { fetch } from 'undici';
import { numberFlag, smoke } from '../lib/args.mjs';
import { bulkKjennemerkeUrl, fiksHeaders, naiveTokenSource } from '../lib/fiks.mjs';
import { collectPlates } from '../lib/plates.mjs';
import { reproduceCommand, writeResult } from '../lib/results.mjs';
import { median } from '../lib/stats.mjs';

const concurrent = numberFlag('concurrent', smoke ? 100 : 1_000);
const runs = numberFlag('runs', smoke ? 1 : 3);
const latencyMs = numberFlag('latency', 20);
const lifetimeSeconds = 120;
const IN_FLIGHT_WAIT_MS = 30_000;
// How long the simulator holds requests in the in-flight case (long enough for half the burst to arrive).
const holdMs = smoke ? 1_000 : 2_000;
const started = performance.now();

let now = Date.now();
const clock = { now: () => now };
const simulator = await startSimulator({ port: 0, clock: () => now, tokenLifetimeSeconds: lifetimeSeconds });
const tokenRequests = () => {
  const t = simulator.stats().tokenRequests;
  return t.ok + t.failed;
};
const rejected401 = () =>
  Object.values(simulator.stats().routes).reduce((sum, byStatus) => sum + (byStatus['401'] ?? 0), 0);
/** Runs `phase` and returns the token requests and Fiks 401s the simulator saw during it. */
async function counted(phase) {
  const [tokens, rejected] = [tokenRequests(), rejected401()];
  const detail = await phase();
  return { tokens: tokenRequests() - tokens, rejected: rejected401() - rejected, ...detail };
}
const expire = () => {
  now += (lifetimeSeconds + 1) * 1000;
};

const results = { core: { cold: [], expiry: [], inFlight: [] }, naive: { cold: [], expiry: [] }, rejected: [] };
try {
  const fetchToken = await naiveTokenSource(simulator, clock);
  const plates = await collectPlates(simulator, await fetchToken(), 100);
  const plateAt = (i) => plates[i % plates.length];
  simulator.setFaults({ latency: { fixedMs: latencyMs } });

  for (let run = 0; run < runs; run++) {
    // Core: a fresh client per run, so the first burst is a true cold start.
    const client = createKjoretoyregisterClient({ ...configFromEnv(simulator.env), clock });
    await client.loadKeyMaterial();
    const burst = (count, offset = 0) =>
      Array.from({ length: count }, (_, i) => client.lookupKjennemerke([plateAt(offset + i)]));
    const check = (outcomes) => {
      const failed = outcomes.flat().filter((o) => o.status !== 'found').length;
      if (failed > 0) throw new Error(`${failed} lookups did not succeed`);
    };
    try {
      results.core.cold.push((await counted(async () => check(await Promise.all(burst(concurrent))))).tokens);
      expire();
      results.core.expiry.push((await counted(async () => check(await Promise.all(burst(concurrent))))).tokens);

      // Expiry in flight: the first half is held in the simulator (long latency) when the clock
      // passes expiry, so it is answered 401 and core refreshes; the second half starts after.
      expire();
      await client.lookupKjennemerke([plateAt(0)]);
      simulator.setFaults({ latency: { fixedMs: holdMs } });
      const inFlight = await counted(async () => {
        const arrived = simulator.stats().faults.latency ?? 0;
        const first = burst(concurrent / 2);
        const waitStarted = performance.now();
        // Bounded wait until every request of the first half sleeps in the simulator.
        while (
          (simulator.stats().faults.latency ?? 0) - arrived < concurrent / 2 &&
          performance.now() - waitStarted < IN_FLIGHT_WAIT_MS
        ) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expire();
        const second = burst(concurrent / 2, concurrent / 2);
        check(await Promise.all([...first, ...second]));
        return {};
      });
      simulator.setFaults({ latency: { fixedMs: latencyMs } });
      results.core.inFlight.push(inFlight.tokens);
      results.rejected.push(inFlight.rejected);
    } finally {
      await client.close();
    }

    // Baseline: the same bursts through a cache that checks, else fetches (no shared in-flight fetch).
    let cached;
    let expiresAt = 0;
    const naiveToken = async () => {
      if (cached === undefined || now >= expiresAt) {
        cached = await fetchToken();
        expiresAt = now + (lifetimeSeconds - 10) * 1000;
      }
      return cached;
    };
    const naiveBurst = () =>
      Promise.all(
        Array.from({ length: concurrent }, async (_, i) => {
          const response = await fetch(bulkKjennemerkeUrl(simulator), {
            method: 'POST',
            headers: fiksHeaders(simulator, await naiveToken()),
            body: JSON.stringify([{ kjennemerke: plateAt(i) }]),
          });
          await response.text();
          if (!response.ok) throw new Error(`baseline lookup answered ${response.status}`);
        }),
      );
    expire();
    results.naive.cold.push((await counted(naiveBurst)).tokens);
    expire();
    results.naive.expiry.push((await counted(naiveBurst)).tokens);
  }
} finally {
  await simulator.stop();
}

const row = (measurement, values, baseline, goal) => ({
  measurement,
  median: median(values),
  unit: 'token requests',
  samples: values,
  ...(baseline === undefined
    ? {}
    : { ratio: median(values) / median(baseline), ratioTo: 'cache without single-flight' }),
  ...(goal ? { goal: '= 1 per expiry', met: values.every((v) => v === 1) } : {}),
});
const rows = [
  row(`core: ${concurrent} concurrent lookups at cold start`, results.core.cold, results.naive.cold, true),
  row(
    `core: ${concurrent} concurrent lookups after the token expired`,
    results.core.expiry,
    results.naive.expiry,
    true,
  ),
  row(
    `core: token expires while ${concurrent / 2} lookups are in flight, ${concurrent / 2} more start after`,
    results.core.inFlight,
    undefined,
    true,
  ),
  {
    measurement: '  of which Fiks answered 401 (expired in flight) and core retried once',
    median: median(results.rejected),
    unit: 'responses',
    samples: results.rejected,
  },
  row(`baseline, cache without single-flight: ${concurrent} concurrent at cold start`, results.naive.cold),
  row(`baseline, cache without single-flight: ${concurrent} concurrent after expiry`, results.naive.expiry),
];
await writeResult({
  id: 'token-single-flight',
  item: 3,
  title: 'Token single-flight: token requests per expiry under concurrent load',
  command: reproduceCommand(import.meta.url),
  durationMs: Math.round(performance.now() - started),
  parameters: { concurrent, runs, latencyMs, tokenLifetimeSeconds: lifetimeSeconds },
  rows,
  notes: [
    `Simulator in this process with tokenLifetimeSeconds ${lifetimeSeconds} and one injected clock shared with both clients; "expiry" steps that clock ${lifetimeSeconds + 1} s forward. Token requests are counted by the simulator.`,
    'Each lookup is its own lookupKjennemerke call with one plate. Core: a fresh client per run (default expiry margin 10 s). For the in-flight case the simulator holds requests ${holdMs} ms, the clock passes expiry once the first half has arrived, and the second half starts after that.',
  ],
});
