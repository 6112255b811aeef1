#!/usr/bin/env node
// Item 6 — simulator memory at 1 000 000 vehicles, against a baseline of the same process with a
// 0-vehicle register. Each size runs in a fresh child process so heaps don't mix.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { flag, smoke } from '../lib/args.mjs';
import { reproduceCommand, writeResult } from '../lib/results.mjs';
import { round } from '../lib/stats.mjs';

if (flag('child', false) === true) {
  const { startSimulator } = await import('@kjoretoyregister/simulator');
  const { configFromEnv, createKjoretoyregisterClient } = await import('@kjoretoyregister/core');
  const vehicles = Number(flag('vehicles', 0));
  const started = performance.now();
  const simulator = await startSimulator({ port: 0, vehicles });
  // A plate lookup and an owner search force every index the register builds lazily.
  const client = createKjoretoyregisterClient(configFromEnv(simulator.env));
  await client.lookupKjennemerke(['XX99999', 'CU10942']);
  await client.sok('eiernavn', { navn: 'HELGE KROKEN' });
  await client.close();
  const startupMs = performance.now() - started;
  globalThis.gc?.();
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  await simulator.stop();
  process.stdout.write(
    JSON.stringify({
      vehicles,
      rssMiB: rss / 2 ** 20,
      heapMiB: heapUsed / 2 ** 20,
      arrayBuffersMiB: arrayBuffers / 2 ** 20,
      startupMs,
    }),
  );
  process.exit(0);
}

const started = performance.now();
const sizes = smoke ? [0, 100_000] : [0, 100_000, 1_000_000];
const measured = sizes.map((vehicles) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), '--child', '--vehicles', String(vehicles)],
      { encoding: 'utf8', timeout: 300_000 },
    ),
  ),
);
const [base] = measured;
await writeResult({
  id: 'simulator-memory',
  item: 6,
  title: 'Simulator: memory by register size',
  command: reproduceCommand(import.meta.url),
  durationMs: Math.round(performance.now() - started),
  parameters: { sizes },
  rows: measured.flatMap((r) => [
    {
      measurement: `${r.vehicles.toLocaleString('en-US')} vehicles: RSS after start, a lookup and an owner search`,
      median: round(r.rssMiB, 0),
      unit: 'MiB',
      ratio: round(r.rssMiB / base.rssMiB),
      ratioTo: '0-vehicle register',
    },
    {
      measurement: `${r.vehicles.toLocaleString('en-US')} vehicles: JS heap + array buffers (after GC)`,
      median: round(r.heapMiB + r.arrayBuffersMiB, 0),
      unit: 'MiB',
      ratio: round((r.heapMiB + r.arrayBuffersMiB) / (base.heapMiB + base.arrayBuffersMiB)),
      ratioTo: '0-vehicle register',
    },
    {
      measurement: `${r.vehicles.toLocaleString('en-US')} vehicles: start-up plus first lookups`,
      median: round(r.startupMs, 0),
      unit: 'ms',
    },
  ]),
  notes: [
    'One fresh process per size (node --expose-gc): start the simulator, make one plate lookup and one owner-name search through core (forcing the lazily built indexes), GC, read process.memoryUsage(). The baseline is the same process with 0 generated vehicles (story vehicles only).',
    'measureRegisterFootprint (packages/simulator/src/data/footprint.ts) is not exported from @kjoretoyregister/simulator, so it is not used here.',
  ],
});
