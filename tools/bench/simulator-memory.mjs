#!/usr/bin/env node
// Simulator memory at 1 000 000 vehicles, against a baseline in the same way: the same process
// measured with a 0-vehicle register. Each size runs in a fresh child process so heaps don't mix.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { flag, report, smoke } from './lib.mjs';

if (flag('child', false)) {
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
  global.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  await simulator.stop();
  process.stdout.write(JSON.stringify({ vehicles, rssMiB: rss / 2 ** 20, heapMiB: heapUsed / 2 ** 20, startupMs }));
  process.exit(0);
}

const sizes = smoke ? [0, 100_000] : [0, 100_000, 1_000_000];
const rows = sizes.map((vehicles) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), '--child', '--vehicles', String(vehicles)],
      {
        encoding: 'utf8',
      },
    ),
  ),
);
const [base] = rows;
report(
  'Simulator memory by register size (fresh process each; baseline = 0 generated vehicles)',
  rows.map((r) => ({
    vehicles: r.vehicles,
    'RSS MiB': Math.round(r.rssMiB),
    'heap MiB': Math.round(r.heapMiB),
    'RSS ratio to baseline': Number((r.rssMiB / base.rssMiB).toFixed(2)),
    'start + first lookups ms': Math.round(r.startupMs),
  })),
);
