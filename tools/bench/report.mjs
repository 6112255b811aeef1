#!/usr/bin/env node
// Assembles docs/BENCHMARKS.md and docs/benchmarks.json from every result file in
// tools/bench/results/full/ (results measured earlier and not re-run are kept from the existing
// docs/benchmarks.json). With --smoke it reads results/smoke/ and writes next to them instead,
// so CI never touches docs/.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { smoke } from './lib/args.mjs';
import { prettierFormat } from './lib/format.mjs';
import { assembleJson, mergeResults, renderMarkdown } from './lib/report-render.mjs';
import { BENCH_DIR, REPO_ROOT, RESULTS_DIR, resultProblems } from './lib/results.mjs';

const mode = smoke ? 'smoke' : 'full';
const outDir = smoke ? RESULTS_DIR : join(REPO_ROOT, 'docs');

async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

const names = (await readdir(RESULTS_DIR).catch(() => [])).filter((name) => name.endsWith('.json'));
names.sort();
const fresh = [];
for (const name of names) {
  if (name === 'benchmarks.json') continue;
  const result = await readJson(join(RESULTS_DIR, name));
  const problems = resultProblems(result);
  if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
  fresh.push(result);
}
const previous = smoke ? undefined : await readJson(join(outDir, 'benchmarks.json'));
const older = previous
  ? [...previous.items.flatMap((item) => item.results), ...(previous.profiles ?? [])].filter((r) => r.mode === mode)
  : [];
const results = mergeResults(older, fresh);
const notes = (await readFile(join(BENCH_DIR, 'profile-notes.md'), 'utf8').catch(() => '')).trim();
const generatedAt = new Date().toISOString();

await mkdir(outDir, { recursive: true });
const markdownFile = join(outDir, 'BENCHMARKS.md');
const jsonFile = join(outDir, 'benchmarks.json');
await writeFile(
  markdownFile,
  await prettierFormat(renderMarkdown({ results, generatedAt, mode, notes }), markdownFile),
);
await writeFile(jsonFile, await prettierFormat(JSON.stringify(assembleJson({ results, generatedAt, mode })), jsonFile));
console.log(`report: ${results.length} results → ${join(outDir, 'BENCHMARKS.md')} and benchmarks.json`);
