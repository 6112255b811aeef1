#!/usr/bin/env node
// `npm run bench` / `npm run bench:smoke`: runs every script in items/ (in name order, one child
// process each, each bounded in time), then report.mjs. Scripts for later items only need to be
// dropped into items/ as `<item>-<name>.mjs` and call writeResult (README.md). `--only 1,3`
// picks items by number; every other flag (`--runs 5`, `--latency 40`) is passed on.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, smoke } from './lib/args.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = flag('only', undefined);
const wanted = typeof only === 'string' ? new Set(only.split(',').map((s) => s.trim())) : undefined;
const passOn = process.argv
  .slice(2)
  .filter((arg, i, all) => arg !== '--only' && all[i - 1] !== '--only' && !arg.startsWith('--only='));
// A smoke item must end within three minutes (the drain item boots the app five times, about 70 s on a
// quiet runner; the whole smoke takes about 3 minutes); a full item may take several.
const timeoutMs = smoke ? 180_000 : 30 * 60_000;

const scripts = (await readdir(join(here, 'items')))
  .filter((name) => /^\d+-[a-z0-9-]+\.mjs$/.test(name))
  .filter((name) => !wanted || wanted.has(name.split('-')[0]))
  .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));

const failed = [];
const started = performance.now();
for (const name of scripts) {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [join(here, 'items', name), ...passOn], {
    stdio: 'inherit',
    timeout: timeoutMs,
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed.push(name);
    console.error(`✗ ${name} failed after ${seconds} s (${run.error?.message ?? `exit ${run.status ?? run.signal}`})`);
  } else {
    console.log(`✓ ${name} (${seconds} s)`);
  }
}
const report = spawnSync(process.execPath, [join(here, 'report.mjs'), ...(smoke ? ['--smoke'] : [])], {
  stdio: 'inherit',
  timeout: 60_000,
});
if (report.status !== 0) failed.push('report.mjs');
console.log(`bench ${smoke ? 'smoke ' : ''}finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
