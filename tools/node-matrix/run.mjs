#!/usr/bin/env node
// The Jest suites of core, simulator, cli, nestjs and case-system (PGlite, plus the Chromium page test
// when Chromium is installed) on every Node.js version of the matrix. Nx runs tasks on the machine's own
// Node, so this drives Jest directly: `<node> jest.js -c jest.config.cjs` in each project, with that
// node's directory first on PATH so the servers and CLIs the tests spawn run on it too.
//
// The workspace is built once first, on the Node that runs this script (`npx nx run-many -t build`);
// the matrix versions run only tests. Counts come from Jest's `--json --outputFile` result.
//
//   node tools/node-matrix/run.mjs                        all of MATRIX
//   node tools/node-matrix/run.mjs --node 24.22.3         one version (repeatable)
//   node tools/node-matrix/run.mjs --suite cli --skip-build
//
// Last line: `node matrix: N passed, M failed`; exit code 0 only when nothing failed.
import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withoutNpmConfig } from '../e2e-system/child-env.mjs';
import { MATRIX, ensureNode } from './ensure-node.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const JEST = join(repo, 'node_modules', 'jest', 'bin', 'jest.js');
const NX = join(repo, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
// The slowest suite (case-system, browser included) takes about 3 minutes on a busy 2-core runner.
const JEST_TIMEOUT_MS = 8 * 60_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;
const BROWSER_SPEC = /\/test\/browser\.e2e-spec\.ts$/;
// Run in the workspace suite only, on PGlite and on PostgreSQL: the long database-behaviour runs
// (the fault soak, the webhook property test) and the page flows in Chromium (browser-<page>:
// what a person clicks through, which tests the pages, not the Node.js under them). What differs
// between Node versions (HTTP, crypto, child processes, signals, PGlite's WebAssembly, the OpenID
// client) the other case-system specs cover, with the Chromium test of the case page and of the
// OpenID Connect login kept. Repeating these on each matrix version would add minutes per version.
const WORKSPACE_ONLY_SPECS = /\/test\/(fault-soak|webhook-property|browser-(?!oidc\.)[a-z-]+)\.e2e-spec\.ts$/;

/**
 * What runs, per project. `rows` splits one Jest run's files into table rows, so the browser test
 * is reported (or reported skipped) on its own without a second boot of the case-system suite.
 */
const SUITES = [
  { name: 'core', dir: 'packages/core' },
  { name: 'simulator', dir: 'packages/simulator' },
  { name: 'cli', dir: 'packages/cli' },
  { name: 'nestjs', dir: 'packages/nestjs' },
  {
    name: 'case-system',
    dir: 'apps/case-system',
    // The config's own maxWorkers (1) stays: its e2e specs each boot a database, the simulator and
    // child processes, and two of them side by side on two cores are slower, not faster.
    maxWorkers: null,
    ignore: [WORKSPACE_ONLY_SPECS.source],
    rows: [
      { name: 'case-system (pglite)', match: (file) => !BROWSER_SPEC.test(file) },
      { name: 'case-system (browser)', match: (file) => BROWSER_SPEC.test(file), needsChromium: true },
    ],
  },
];

const { values: options } = parseArgs({
  options: {
    node: { type: 'string', multiple: true },
    suite: { type: 'string', multiple: true },
    'skip-build': { type: 'boolean', default: false },
    'keep-logs': { type: 'boolean', default: false },
  },
});
const versions = options.node ?? [...MATRIX];
const suites = options.suite ? SUITES.filter((suite) => options.suite.includes(suite.name)) : SUITES;
if (options.suite && suites.length !== options.suite.length) {
  throw new Error(`unknown suite in ${options.suite.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);
}

async function isExecutable(path) {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The Jest run in progress: its own process group, ended with this script on Ctrl-C or SIGTERM.
let running;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (running) killGroup(running);
    process.exit(130);
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Runs a command with its output into `logFile`, killed (with its process group) after `timeoutMs`. */
function runLogged(command, args, { cwd, env, logFile, timeoutMs }) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    // detached: its own process group, so a timeout also ends the servers and workers it started.
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      const output = Buffer.concat(chunks).toString('utf8');
      await writeFile(logFile, output);
      resolvePromise({ code, signal, timedOut, output, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** PATH and env for a matrix node: its directory first; npm's variables (which name Node 20) left out. */
function envFor(nodeBin) {
  const env = withoutNpmConfig(process.env);
  delete env.NODE;
  env.PATH = [dirname(nodeBin), env.PATH].filter(Boolean).join(delimiter);
  return env;
}

function emptyCounts() {
  return { passed: 0, failed: 0, skipped: 0, brokenFiles: 0, files: 0 };
}

/** Jest's result for the files of one row. A file that failed to run counts as one failed test. */
function countFiles(testResults) {
  const counts = emptyCounts();
  for (const file of testResults) {
    counts.files += 1;
    for (const test of file.assertionResults) {
      if (test.status === 'passed') counts.passed += 1;
      else if (test.status === 'failed') counts.failed += 1;
      else counts.skipped += 1; // pending, todo, skipped, disabled
    }
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) {
      counts.brokenFiles += 1;
      counts.failed += 1;
    }
  }
  return counts;
}

/** Each failed file with its failed tests, and each distinct failure message once (a failed beforeAll repeats it). */
function failureSummary(result, root) {
  const lines = [];
  for (const file of result.testResults) {
    if (file.status !== 'failed') continue;
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    lines.push(`  ✗ ${file.name.replace(`${root}/`, '')}: ${failed.length} failed`);
    for (const test of failed.slice(0, 8)) lines.push(`    ✗ ${test.fullName}`);
    if (failed.length > 8) lines.push(`    … and ${failed.length - 8} more`);
    const messages = new Set(failed.map((test) => test.failureMessages.join('\n')));
    if (failed.length === 0) messages.add(file.message);
    for (const message of [...messages].slice(0, 2)) lines.push(indent(message, 6));
  }
  return lines.join('\n');
}

function indent(text, width) {
  const pad = ' '.repeat(width);
  const trimmed = text.split('\n').slice(0, 15).join('\n');
  return trimmed.replace(/^/gm, pad);
}

async function build() {
  console.log(`== build once on the machine's Node ${process.version}: nx run-many -t build`);
  const started = performance.now();
  const child = spawn(process.execPath, [NX, 'run-many', '-t', 'build', '--outputStyle=static'], {
    cwd: repo,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    stdio: 'inherit',
  });
  const timer = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS);
  const code = await new Promise((resolvePromise) => child.on('close', (status) => resolvePromise(status)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the build failed (exit ${code}); the matrix runs only on a built workspace`);
  console.log(`== build done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function runSuite(suite, version, nodeBin, { logDir, chromium }) {
  const cwd = join(repo, suite.dir);
  const tag = `${suite.name}-node-${version}`;
  const outputFile = join(logDir, `${tag}.json`);
  const logFile = join(logDir, `${tag}.log`);
  const rows = suite.rows ?? [{ name: suite.name, match: () => true }];
  const skippedRows = rows.filter((row) => row.needsChromium && !chromium);
  const args = [JEST, '-c', 'jest.config.cjs', '--ci', '--json', `--outputFile=${outputFile}`];
  if (suite.maxWorkers !== null) args.push(`--maxWorkers=${suite.maxWorkers ?? 2}`);
  // Replaces the config's list on the command line, so its PGlite defaults are repeated here.
  const ignored = [...(suite.ignore ?? []), ...(skippedRows.length > 0 ? [BROWSER_SPEC.source] : [])];
  if (ignored.length > 0) args.push('--testPathIgnorePatterns', '/node_modules/', '/test/postgres-only/', ...ignored);
  const run = await runLogged(nodeBin, args, { cwd, env: envFor(nodeBin), logFile, timeoutMs: JEST_TIMEOUT_MS });

  let result;
  try {
    result = JSON.parse(await readFile(outputFile, 'utf8'));
  } catch {
    result = undefined;
  }
  const out = rows.map((row) => {
    if (skippedRows.includes(row)) return { row: row.name, counts: emptyCounts(), note: 'skipped: no Chromium' };
    const counts = result ? countFiles(result.testResults.filter((file) => row.match(file.name))) : emptyCounts();
    return { row: row.name, counts };
  });
  // Whole-run problems that no test accounts for: a timeout, a crash before the JSON, a non-zero exit.
  const testFailures = out.reduce((sum, entry) => sum + entry.counts.failed, 0);
  let problem;
  if (run.timedOut) problem = `timed out after ${JEST_TIMEOUT_MS / 1000} s`;
  else if (!result) problem = `no Jest result (exit ${run.code ?? run.signal})`;
  else if (run.code !== 0 && testFailures === 0) problem = `Jest exited ${run.code} with no failed test`;
  else if (result.numTotalTests === 0) problem = 'Jest ran no test';
  if (problem) {
    out[0].counts.failed += 1;
    out[0].note = problem;
  }
  // A row that should have run (a renamed browser spec, say) but matched no file is a failure too.
  for (const entry of out) {
    if (result && !run.timedOut && !entry.note && entry.counts.files === 0) {
      entry.counts.failed += 1;
      entry.note = 'no test file ran';
    }
  }
  // One Jest run: its time goes on its first row; the rows split from it say "(above)".
  out.forEach((entry, i) => (entry.seconds = i === 0 ? run.seconds : undefined));

  const failed = out.some((entry) => entry.counts.failed > 0);
  const summary = out
    .map(({ row, counts, note }) =>
      note?.startsWith('skipped') ? `${row} ${note}` : `${row} ${counts.passed}/${counts.failed}/${counts.skipped}`,
    )
    .join(', ');
  console.log(
    `${failed ? '✗' : '✓'} node ${version} · ${summary} (passed/failed/skipped) in ${run.seconds.toFixed(1)} s`,
  );
  if (failed) {
    if (result) console.log(failureSummary(result, repo));
    if (problem) console.log(`  ${problem}; last lines of ${logFile}:\n${indent(run.output.slice(-3000), 4)}`);
  }
  return out;
}

function printTable(results) {
  const rowNames = [...new Set(results.map((entry) => entry.row))];
  const cell = (entry) => {
    if (!entry) return '—';
    if (entry.note?.startsWith('skipped')) return entry.note;
    const { passed, failed, skipped } = entry.counts;
    const seconds = entry.seconds === undefined ? '(above)' : `${entry.seconds.toFixed(0)} s`;
    return `${passed}/${failed}/${skipped} ${seconds}${entry.note ? ` (${entry.note})` : ''}`;
  };
  const header = ['suite (passed/failed/skipped, s)', ...versions.map((v) => `node ${v}`)];
  const lines = rowNames.map((row) => [
    row,
    ...versions.map((version) => cell(results.find((e) => e.row === row && e.version === version))),
  ]);
  const totals = versions.map((version) => {
    const mine = results.filter((entry) => entry.version === version);
    return `${mine.reduce((sum, entry) => sum + (entry.seconds ?? 0), 0).toFixed(0)} s`;
  });
  lines.push(['total time', ...totals]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const format = (line) => `| ${line.map((text, i) => text.padEnd(widths[i])).join(' | ')} |`;
  console.log(format(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const line of lines) console.log(format(line));
}

const started = performance.now();
const nodeBins = new Map();
try {
  for (const version of versions) {
    const bin = await ensureNode(version);
    const reported = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    if (reported !== `v${version}`) throw new Error(`${bin} reports ${reported}, expected v${version}`);
    nodeBins.set(version, bin);
  }
  if (!options['skip-build']) await build();
  else console.log('== build skipped (--skip-build): testing the dist/ already there');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log('node matrix: 0 passed, 1 failed');
  process.exit(1);
}

const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const chromium = await isExecutable(chromiumBin);
if (!chromium && suites.some((suite) => suite.rows?.some((row) => row.needsChromium))) {
  console.log(
    `== ${chromiumBin} is missing: the case-system browser test is skipped (tools/e2e-system/ensure-chromium.sh)`,
  );
}

const logDir = await mkdtemp(join(tmpdir(), 'node-matrix-'));
const results = [];
for (const version of versions) {
  console.log(`== node ${version}: ${nodeBins.get(version)}`);
  for (const suite of suites) {
    const rows = await runSuite(suite, version, nodeBins.get(version), { logDir, chromium });
    for (const entry of rows) results.push({ ...entry, version });
  }
}

console.log('');
printTable(results);
const passed = results.reduce((sum, entry) => sum + entry.counts.passed, 0);
const failed = results.reduce((sum, entry) => sum + entry.counts.failed, 0);
const skippedNotes = results.filter((entry) => entry.note?.startsWith('skipped'));
if (skippedNotes.length > 0)
  console.log(`(${skippedNotes.length} browser run(s) skipped: no Chromium at ${chromiumBin})`);
const keep = failed > 0 || options['keep-logs'];
if (!keep) await rm(logDir, { recursive: true, force: true });
console.log(
  `total ${((performance.now() - started) / 1000).toFixed(0)} s${keep ? `; Jest logs and results in ${logDir}` : ''}`,
);
console.log(`node matrix: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
