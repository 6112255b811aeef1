#!/usr/bin/env node
// The consumer test: our packages installed the way users install them. Every published package is
// `npm pack`ed, served by a local registry on 127.0.0.1 (lib/registry.mjs; everything else is
// forwarded to the machine's registry), and each scenario in scenarios/*.mjs installs into a fresh
// project under os.tmpdir() by package name, once, with the machine's npm, then runs its checks on
// every Node.js of the matrix (the machine's own first).
//
//   node tools/consumer-test/run.mjs                      every scenario on every Node
//   node tools/consumer-test/run.mjs --node 24.22.3       one Node (repeatable; `all` = the default,
//                                                         `system` = only the machine's)
//   node tools/consumer-test/run.mjs --scenario core-esm  one scenario (repeatable)
//   node tools/consumer-test/run.mjs --keep               keep the temp directory for inspection
//
// Needs a built workspace (`npx nx run-many -t build`). Last line: `consumer test: N passed, M failed`;
// exit code 0 only when nothing failed.
//
// A scenario module exports `name`, `setup(ctx)` → state, `check(state, node)` and optionally
// `description`, `teardown(state)` and `nodes` (a predicate on the version string). `ctx` is
// `{ registryUrl, packed, tmp, log }`: projects go under `tmp` (createProject({ parent: tmp })),
// which is removed at the end whatever happens. `node` is `{ version, bin }`. A throw fails the cell.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MATRIX, ensureNode } from '../node-matrix/ensure-node.mjs';
import { killAllChildren } from './lib/project.mjs';
import { packAll, startLocalRegistry } from './lib/registry.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SETUP_TIMEOUT_MS = 8 * 60_000;
const CHECK_TIMEOUT_MS = 4 * 60_000;
// Installs mostly wait on the network, so several run at once; checks are CPU-bound (simulators,
// tsc, Nest builds), and two at a time keep both cores busy without slowing each other down.
const SETUP_CONCURRENCY = 4;
const CHECK_CONCURRENCY = 2;

const { values: options } = parseArgs({
  options: {
    node: { type: 'string', multiple: true, default: ['all'] },
    scenario: { type: 'string', multiple: true },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const log = (...parts) => console.log(`[${seconds(Date.now() - started).padStart(6)}]`, ...parts);

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** `limit(fn)` runs fn when fewer than `size` others run, in call order. */
function semaphore(size) {
  let running = 0;
  const waiting = [];
  const next = () => {
    if (running >= size || waiting.length === 0) return;
    running += 1;
    const { fn, resolvePromise, reject } = waiting.shift();
    fn()
      .then(resolvePromise, reject)
      .finally(() => {
        running -= 1;
        next();
      });
  };
  return (fn) =>
    new Promise((resolvePromise, reject) => {
      waiting.push({ fn, resolvePromise, reject });
      next();
    });
}

function selectedVersions() {
  const wanted = new Set(options.node);
  const system = process.versions.node;
  if (wanted.has('all')) return [system, ...MATRIX];
  const versions = [];
  for (const version of wanted) {
    if (version === 'system' || version === system) versions.push(system);
    else if (MATRIX.includes(version)) versions.push(version);
    else throw new Error(`--node ${version}: not 'all', 'system', ${system} or one of ${MATRIX.join(', ')}`);
  }
  return versions;
}

async function loadScenarios() {
  const files = (await readdir(join(here, 'scenarios'))).filter((file) => file.endsWith('.mjs')).sort();
  const modules = [];
  for (const file of files) {
    const module = await import(pathToFileURL(join(here, 'scenarios', file)).href);
    if (typeof module.name !== 'string' || typeof module.setup !== 'function' || typeof module.check !== 'function') {
      throw new Error(`scenarios/${file} must export name, setup and check`);
    }
    modules.push(module);
  }
  const names = new Set(modules.map((module) => module.name));
  for (const wanted of options.scenario ?? []) if (!names.has(wanted)) throw new Error(`no scenario ${wanted}`);
  return options.scenario ? modules.filter((module) => options.scenario.includes(module.name)) : modules;
}

function firstLines(error) {
  const text = error instanceof Error ? error.message : String(error);
  return options.verbose ? text : text.split('\n').slice(0, 25).join('\n');
}

function printTable(scenarios, versions, cells) {
  const header = ['scenario', ...versions.map((version) => `node ${version}`)];
  const rows = scenarios.map((scenario) => [
    scenario.name,
    ...versions.map((version) => {
      const cell = cells.get(`${scenario.name}@${version}`);
      if (!cell) return '-';
      return `${cell.ok ? 'pass' : 'FAIL'} ${seconds(cell.ms)}`;
    }),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}

const tmp = await mkdtemp(join(tmpdir(), 'kjoretoy-consumer-'));
let registry;
const states = new Map();
let cleaning;
async function cleanUp() {
  cleaning ??= (async () => {
    for (const [scenario, state] of states) {
      await withTimeout(Promise.resolve(scenario.teardown?.(state)), 30_000, `${scenario.name} teardown`).catch(
        (error) => console.error(`${scenario.name} teardown: ${firstLines(error)}`),
      );
    }
    await registry?.stop();
    if (options.keep) console.log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`consumer test: ${signal}, cleaning up`);
    killAllChildren();
    cleanUp().finally(() => process.exit(130));
  });
}

const cells = new Map();
let scenarios = [];
let versions = [];
let fatal;
try {
  versions = selectedVersions();
  scenarios = await loadScenarios();
  const nodes = [];
  for (const version of versions) {
    nodes.push({ version, bin: version === process.versions.node ? process.execPath : await ensureNode(version) });
  }
  log(`nodes: ${nodes.map((node) => node.version).join(', ')}`);

  const packed = await packAll({ dest: join(tmp, 'packs') });
  log(
    `packed ${Object.entries(packed)
      .map(([name, { version }]) => `${name}@${version}`)
      .join(', ')}`,
  );
  registry = await startLocalRegistry(packed, { log });
  log(`local registry ${registry.url} (upstream ${registry.upstream})`);

  const ctx = { registryUrl: registry.url, packed, tmp, log };
  const setupSlot = semaphore(SETUP_CONCURRENCY);
  const checkSlot = semaphore(CHECK_CONCURRENCY);
  // Scenarios declaring `slow` (long installs) are set up first, so their installs overlap the checks.
  const order = [...scenarios].sort((a, b) => Number(Boolean(b.slow)) - Number(Boolean(a.slow)));
  await Promise.all(
    order.map(async (scenario) => {
      const runOn = nodes.filter((node) => !scenario.nodes || scenario.nodes(node.version));
      let state;
      try {
        state = await setupSlot(async () => {
          const setupStart = Date.now();
          const result = await withTimeout(scenario.setup(ctx), SETUP_TIMEOUT_MS, `${scenario.name} setup`);
          log(`${scenario.name}: installed in ${seconds(Date.now() - setupStart)}`);
          return result;
        });
        states.set(scenario, state);
      } catch (error) {
        log(`${scenario.name}: setup FAILED\n${firstLines(error)}`);
        for (const node of runOn) {
          cells.set(`${scenario.name}@${node.version}`, { ok: false, ms: 0, error: `setup: ${firstLines(error)}` });
        }
        return;
      }
      // One scenario's Nodes run one after another: they share the scenario's project directory.
      for (const node of runOn) {
        await checkSlot(async () => {
          const key = `${scenario.name}@${node.version}`;
          const checkStart = Date.now();
          try {
            await withTimeout(scenario.check(state, node), CHECK_TIMEOUT_MS, `${scenario.name} on ${node.version}`);
            cells.set(key, { ok: true, ms: Date.now() - checkStart });
            log(`${scenario.name} on node ${node.version}: pass (${seconds(Date.now() - checkStart)})`);
          } catch (error) {
            cells.set(key, { ok: false, ms: Date.now() - checkStart, error: firstLines(error) });
            log(`${scenario.name} on node ${node.version}: FAIL\n${firstLines(error)}`);
          }
        });
      }
    }),
  );
  log(`registry served ${registry.requests.local} local and forwarded ${registry.requests.forwarded} requests`);
} catch (error) {
  fatal = error;
  console.error(`consumer test: ${firstLines(error)}`);
} finally {
  await cleanUp();
}

console.log('');
if (scenarios.length > 0 && versions.length > 0) printTable(scenarios, versions, cells);
const failures = [...cells.entries()].filter(([, cell]) => !cell.ok);
for (const [key, cell] of failures) console.log(`\n✘ ${key}\n${cell.error}`);
const passed = [...cells.values()].filter((cell) => cell.ok).length;
const failed = failures.length + (fatal ? 1 : 0);
console.log(`\ntotal ${seconds(Date.now() - started)}`);
console.log(`consumer test: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
