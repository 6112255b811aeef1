// Result files: every bench script writes one JSON file per measurement into the results dir,
// and report.mjs assembles docs/BENCHMARKS.md and docs/benchmarks.json from whatever is there.
// Scripts for later items (n8n, sample app) only need `writeResult`; see README.md for the shape.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { smoke } from './args.mjs';
import { prettierFormat } from './format.mjs';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(BENCH_DIR, '../..');
/** Smoke results never mix with full ones, so CI cannot overwrite what a human measured. */
export const RESULTS_DIR = join(BENCH_DIR, 'results', smoke ? 'smoke' : 'full');
export const RESULT_SCHEMA_VERSION = 1;

export function machineFacts() {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model?.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

/** The command that reproduces this run, from the repository root. */
export function reproduceCommand(scriptUrl, args = process.argv.slice(2)) {
  const script = relative(REPO_ROOT, fileURLToPath(scriptUrl));
  return ['node', script, ...args].join(' ');
}

/**
 * Validates and writes `results/<mode>/<id>.json`. Rows: `{ measurement, median, unit, ratio?,
 * ratioTo?, goal?, met?, samples?, command? }`; `met` is true, false or null (no verdict).
 */
export async function writeResult(result) {
  const problems = resultProblems(result);
  if (problems.length > 0) throw new TypeError(`bench result ${result?.id ?? '?'} is invalid: ${problems.join('; ')}`);
  const full = {
    schema: RESULT_SCHEMA_VERSION,
    mode: smoke ? 'smoke' : 'full',
    measuredAt: new Date().toISOString(),
    machine: machineFacts(),
    ...result,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.id}.json`);
  await writeFile(file, await prettierFormat(JSON.stringify(full), file));
  printResult(full, file);
  return file;
}

/** One line per row for the terminal; the document is report.mjs's job. */
export function printResult(result, file) {
  console.log(`\n## ${result.item}. ${result.title} (${result.mode})`);
  for (const row of result.rows) {
    const ratio = row.ratio === undefined ? '' : `  ratio ${row.ratio} (${row.ratioTo ?? 'baseline'})`;
    const goal = row.goal === undefined ? '' : `  goal ${row.goal}: ${verdictText(row.met)}`;
    console.log(`  ${row.measurement}: ${row.median} ${row.unit ?? ''}${ratio}${goal}`);
  }
  if (file) console.log(`  → ${relative(REPO_ROOT, file)}`);
}

export function verdictText(met) {
  if (met === true) return 'met';
  if (met === false) return 'MISSED';
  return 'no verdict (smoke run too small)';
}

export function resultProblems(result) {
  const problems = [];
  if (typeof result !== 'object' || result === null) return ['must be an object'];
  if (typeof result.id !== 'string' || !/^[a-z0-9-]+$/.test(result.id)) problems.push('id must be kebab-case');
  if (!Number.isInteger(result.item) || result.item < 1) problems.push('item must be the issue item number');
  if (typeof result.title !== 'string' || result.title === '') problems.push('title is required');
  if (typeof result.command !== 'string' || result.command === '') problems.push('command is required');
  if (!Array.isArray(result.rows) || result.rows.length === 0) problems.push('rows must be a non-empty array');
  for (const [i, row] of (Array.isArray(result.rows) ? result.rows : []).entries()) {
    if (typeof row?.measurement !== 'string') problems.push(`rows[${i}].measurement is required`);
    if (row?.median !== null && typeof row?.median !== 'number' && typeof row?.median !== 'string')
      problems.push(`rows[${i}].median must be a number, a string or null`);
    if (row?.met !== undefined && row.met !== null && typeof row.met !== 'boolean')
      problems.push(`rows[${i}].met must be true, false or null`);
  }
  return problems;
}

/** A goal verdict that is honest about smoke runs: too small to judge a size-dependent goal. */
export function verdict(met, { sizeDependent = true } = {}) {
  return smoke && sizeDependent ? null : met;
}
