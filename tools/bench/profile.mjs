#!/usr/bin/env node
// Profiles the top item (1, bulk through core) with `node --cpu-prof`, client process only (the
// simulator runs in its own process), and records the top self-time functions and areas.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, numberFlag, smoke } from './lib/args.mjs';
import { summariseProfile } from './lib/cpu-profile.mjs';
import { REPO_ROOT, RESULTS_DIR, reproduceCommand, writeResult } from './lib/results.mjs';
import { round } from './lib/stats.mjs';

const plates = numberFlag('plates', smoke ? 300 : 10_000);
const runs = numberFlag('runs', smoke ? 1 : 3);
const latency = numberFlag('latency', 20);
const top = numberFlag('top', 15);
// `--label after` keeps a second profile next to the first for before/after comparisons.
const label = String(flag('label', 'latest'));
const dir = join(RESULTS_DIR, `profile-${label}`);
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });

const script = fileURLToPath(new URL('./items/1-bulk.mjs', import.meta.url));
const args = ['--only', 'core', '--plates', String(plates), '--runs', String(runs), '--latency', String(latency)];
if (smoke) args.push('--smoke');
const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, script, ...args], {
  stdio: ['ignore', 'ignore', 'inherit'],
  timeout: 600_000,
});
if (child.status !== 0) throw new Error(`profiled run failed (${child.status ?? child.signal})`);
const [file] = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile written to ${dir}`);
const summary = summariseProfile(JSON.parse(await readFile(join(dir, file), 'utf8')), { top });

const rows = [
  ...summary.areas.map((a) => ({
    measurement: `area: ${a.area}`,
    median: round(a.selfMs, 0),
    unit: 'ms self',
    ratio: round(a.share * 100, 1),
    ratioTo: '% of profile',
  })),
  ...summary.functions.map((f) => ({
    measurement: f.location ? `${f.name} (${f.location})` : `${f.name} [${f.area}]`,
    median: round(f.selfMs, 0),
    unit: 'ms self',
    ratio: round(f.share * 100, 1),
    ratioTo: '% of profile',
  })),
];
const written = await writeResult({
  id: `profile-bulk-${label}`,
  item: 1,
  kind: 'profile',
  title: `CPU profile of item 1 (core only, ${plates} plates × ${runs} runs): top self time (${label})`,
  command: reproduceCommand(import.meta.url),
  parameters: { plates, runs, latency, top, label, profile: relative(REPO_ROOT, join(dir, file)) },
  rows,
  notes: [`Whole client process, ${round(summary.totalMs, 0)} ms sampled, including start-up and plate collection.`],
});
console.log(`profile: ${join(dir, file)}\nsummary: ${written}`);
for (const row of rows)
  console.log(`${String(row.median).padStart(7)} ms ${String(row.ratio).padStart(5)} %  ${row.measurement}`);
