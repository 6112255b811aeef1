#!/usr/bin/env node
// Item 5 (drain) — how fast the sample app turns signed webhooks into cases with a final status,
// and how many register requests that costs, with the worker sending one bulk request per case
// (WORKER_BATCH_SIZE=1, the behaviour before batching: the baseline) and up to 100 cases per
// request (the default), in the same run, at two register latencies. The built app runs in its
// own process, the simulator in another; the webhooks are posted from this one as fast as a pool
// of senders allows, with the worker running. Drain rate = cases / (first webhook sent → last
// case final). Register requests come from the simulator's own counters (GET /__admin/stats).
//
// PostgreSQL runs under tools/e2e-system/with-postgres.sh (a throwaway cluster): this script
// re-runs itself there with `--phase postgres --phase-out <file>` and merges the numbers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { freePort } from '../../e2e-system/free-port.mjs';
import { flag, numberFlag, smoke } from '../lib/args.mjs';
import {
  assertCaseSystemBuilt,
  createApiKey,
  hasPendingCases,
  startCaseSystemProcess,
} from '../lib/case-system-app.mjs';
import { newWebhookSecret, observationBody, signedHeaders } from '../lib/case-system-load.mjs';
import { REPO_ROOT, reproduceCommand, verdict, writeResult } from '../lib/results.mjs';
import { BULK_KJENNEMERKE_ROUTE, startSimulatorProcess } from '../lib/simulator-process.mjs';
import { median, round } from '../lib/stats.mjs';

const cases = numberFlag('cases', smoke ? 150 : 10_000);
const latencies = String(flag('latencies', smoke ? '20' : '20,100'))
  .split(',')
  .map(Number)
  .filter((n) => Number.isFinite(n) && n >= 0);
const batchSizes = String(flag('batch-sizes', '1,100'))
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 1);
const runs = numberFlag('runs', 1);
const senders = numberFlag('senders', smoke ? 16 : 64);
const workerConcurrency = numberFlag('worker-concurrency', 16);
const vehicles = numberFlag('vehicles', smoke ? 10_000 : 100_000);
const platePool = numberFlag('plates', smoke ? 200 : 2_000);
const drainBudgetS = numberFlag('drain-budget-s', smoke ? 60 : 600);
const logLevel = String(flag('log-level', 'info'));
const databases = String(flag('databases', smoke ? 'pglite' : 'postgres,pglite'))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
// live: webhooks posted while the worker runs (drain from the first webhook, bounded by intake);
// backlog: the cases are queued first with no worker, then a worker alone drains them (item 1 alone).
const modes = String(flag('modes', 'backlog,live'))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
// Profiles the worker app of each backlog run (`node --cpu-prof`, written when it stops).
const cpuProfDir = flag('cpu-prof-dir', undefined);
const phase = flag('phase', undefined);
const phaseOut = flag('phase-out', undefined);
const SOURCE = 'bench';
const DRAIN_POLL_MS = 50;
const PHASE_TIMEOUT_MS = 60 * 60_000;

const t0 = performance.now();
const progress = (message) =>
  process.stderr.write(`[item 5 drain ${((performance.now() - t0) / 1000).toFixed(1)} s] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function freshDatabase(kind, workDir, name) {
  if (kind === 'pglite') return { DATA_DIR: join(workDir, `pglite-${name}`) };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error('the postgres phase needs DATABASE_URL (run through tools/e2e-system/with-postgres.sh)');
  const database = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return { DATABASE_URL: url.toString() };
}

/** A copy of a queued database, so every backlog run starts from the same cases. */
async function cloneDatabase(kind, template, workDir, name) {
  if (kind === 'pglite') {
    const dataDir = join(workDir, `pglite-${name}`);
    await cp(template.DATA_DIR, dataDir, { recursive: true });
    return { DATA_DIR: dataDir };
  }
  const serverUrl = process.env.DATABASE_URL;
  const database = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${new URL(template.DATABASE_URL).pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return { DATABASE_URL: url.toString() };
}

function appEnv(simulator, database, secret, extra) {
  return {
    ...simulator.env,
    ...database,
    NODE_ENV: 'development',
    LOG_LEVEL: logLevel,
    WEBHOOK_INBOUND_SOURCES: `${SOURCE}=${secret}`,
    WORKER_CONCURRENCY: String(workerConcurrency),
    ...extra,
  };
}

/**
 * From the first register request's audit intent to the last job's end, by the database's own
 * clock, read once the app has stopped (PGlite: opened here after the app let go of it).
 */
const WORKER_SPAN = `SELECT (extract(epoch FROM (SELECT max(finished_at) FROM lookup_jobs)
    - (SELECT min(occurred_at) FROM audit_log)) * 1000)::float8 AS ms,
  (SELECT count(*)::int FROM lookup_jobs WHERE status = 'PENDING') AS pending`;
async function workerSpan(database) {
  if (database.DATA_DIR) {
    const db = await PGlite.create(database.DATA_DIR);
    try {
      return (await db.query(WORKER_SPAN)).rows[0];
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(WORKER_SPAN)).rows[0];
  } finally {
    await client.end();
  }
}

/** Queues `cases` cases through the webhook with the worker off; the database is the template of every backlog run. */
async function queueBacklog(kind, simulator, plates, workDir) {
  const secret = newWebhookSecret();
  const database = await freshDatabase(kind, workDir, 'template');
  const env = appEnv(simulator, database, secret, { PORT: String(await freePort()), WORKER_ENABLED: 'false' });
  const apiKey = await createApiKey(env);
  const app = await startCaseSystemProcess({ env, logFile: join(workDir, `app-${kind}-queue.log`) });
  try {
    progress(`${kind}: queueing ${cases} cases with no worker running`);
    const started = performance.now();
    const sent = await sendAll(app.url, secret, plates, cases, `queue_${randomBytes(3).toString('hex')}`);
    progress(
      `${kind}: queued ${sent.accepted} at ${round(sent.accepted / ((performance.now() - started) / 1000), 0)}/s`,
    );
  } finally {
    await app.stop();
  }
  return { database, secret, apiKey };
}

/** A worker alone on a copy of the queued cases: from starting the app until no case is MOTTATT. */
async function measureBacklog(kind, simulator, queued, workDir, latencyMs, batchSize, run) {
  const name = `backlog-${latencyMs}ms-b${batchSize}-${run}`;
  const database = await cloneDatabase(kind, queued.database, workDir, name);
  const env = appEnv(simulator, database, queued.secret, {
    PORT: String(await freePort()),
    WORKER_BATCH_SIZE: String(batchSize),
  });
  await simulator.setFaults({ latency: { fixedMs: latencyMs } });
  const before0 = await simulator.stats();
  progress(`${kind} backlog: ${cases} cases, batch ${batchSize}, register latency ${latencyMs} ms (load ${loadavg()})`);
  // From the spawn: the worker starts before the app listens, so boot time counts against it.
  const started = performance.now();
  const app = await startCaseSystemProcess({ env, logFile: join(workDir, `app-${kind}-${name}.log`), cpuProfDir });
  let drainedMs;
  let after;
  try {
    while (performance.now() - started < drainBudgetS * 1000) {
      if (!(await hasPendingCases(app.url, queued.apiKey).catch(() => true))) {
        drainedMs = performance.now() - started;
        break;
      }
      await sleep(DRAIN_POLL_MS);
    }
    after = await simulator.stats();
  } finally {
    await app.stop();
  }
  const span = await workerSpan(database);
  const requests = routeTotal(after, BULK_KJENNEMERKE_ROUTE) - routeTotal(before0, BULK_KJENNEMERKE_ROUTE);
  const ok = routeOk(after, BULK_KJENNEMERKE_ROUTE) - routeOk(before0, BULK_KJENNEMERKE_ROUTE);
  const workerMs = span.pending === 0 && drainedMs !== undefined ? Number(span.ms) : undefined;
  const result = {
    mode: 'backlog',
    batchSize,
    latencyMs,
    accepted: cases,
    drainedMs,
    workerMs,
    drainPerS: workerMs === undefined ? undefined : cases / (workerMs / 1000),
    withBootPerS: drainedMs === undefined ? undefined : cases / (drainedMs / 1000),
    requests,
    failedRequests: requests - ok,
    loadavg: loadavg(),
  };
  progress(
    `${kind} backlog batch ${batchSize} @ ${latencyMs} ms: first request → last job ${
      workerMs === undefined ? 'not drained' : `${round(workerMs / 1000, 2)} s`
    } (${round(result.drainPerS ?? 0, 0)} cases/s; ${round(result.withBootPerS ?? 0, 0)}/s counting the app's boot), ${requests} register requests (${result.failedRequests} not 200); load ${result.loadavg}`,
  );
  return result;
}

/** Posts `count` signed observations from `senders` loops; retries a refused or 5xx post (nothing is lost). */
async function sendAll(url, secret, plates, count, idPrefix) {
  const seenAt = new Date(Date.now() - 60_000);
  let next = 0;
  let accepted = 0;
  let retried = 0;
  const one = async (n) => {
    const body = observationBody(plates[n % plates.length], seenAt);
    const id = `msg_${idPrefix}_${n}`;
    for (;;) {
      try {
        const response = await fetch(`${url}/webhooks/observasjoner`, {
          method: 'POST',
          headers: signedHeaders(secret, id, body),
          body,
        });
        await response.arrayBuffer();
        if (response.status === 202 || response.status === 200) {
          accepted++;
          return;
        }
        if (response.status < 500) throw new Error(`webhook answered ${response.status}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('webhook answered')) throw error;
      }
      retried++;
      await sleep(50);
    }
  };
  await Promise.all(
    Array.from({ length: senders }, async () => {
      for (let n = next++; n < count; n = next++) await one(n);
    }),
  );
  return { accepted, retried };
}

const routeTotal = (stats, route) => Object.values(stats.routes[route] ?? {}).reduce((a, b) => a + b, 0);
const routeOk = (stats, route) => stats.routes[route]?.['200'] ?? 0;

async function measureOne(kind, simulator, plates, workDir, latencyMs, batchSize, run) {
  const name = `${latencyMs}ms-b${batchSize}-${run}`;
  const secret = newWebhookSecret();
  const env = appEnv(simulator, await freshDatabase(kind, workDir, name), secret, {
    PORT: String(await freePort()),
    WORKER_BATCH_SIZE: String(batchSize),
  });
  const apiKey = await createApiKey(env);
  const app = await startCaseSystemProcess({ env, logFile: join(workDir, `app-${kind}-${name}.log`) });
  try {
    await simulator.setFaults({ latency: { fixedMs: latencyMs } });
    const before = await simulator.stats();
    progress(`${kind} live: ${cases} cases, batch ${batchSize}, register latency ${latencyMs} ms (load ${loadavg()})`);
    const started = performance.now();
    const sent = await sendAll(app.url, secret, plates, cases, `${name}_${randomBytes(3).toString('hex')}`);
    const sentMs = performance.now() - started;
    let drainedMs;
    while (performance.now() - started < drainBudgetS * 1000) {
      if (!(await hasPendingCases(app.url, apiKey).catch(() => true))) {
        drainedMs = performance.now() - started;
        break;
      }
      await sleep(DRAIN_POLL_MS);
    }
    const after = await simulator.stats();
    const requests = routeTotal(after, BULK_KJENNEMERKE_ROUTE) - routeTotal(before, BULK_KJENNEMERKE_ROUTE);
    const ok = routeOk(after, BULK_KJENNEMERKE_ROUTE) - routeOk(before, BULK_KJENNEMERKE_ROUTE);
    const result = {
      mode: 'live',
      batchSize,
      latencyMs,
      accepted: sent.accepted,
      webhookRetries: sent.retried,
      intakePerS: sent.accepted / (sentMs / 1000),
      drainedMs,
      drainPerS: drainedMs === undefined ? undefined : sent.accepted / (drainedMs / 1000),
      requests,
      failedRequests: requests - ok,
      loadavg: loadavg(),
    };
    progress(
      `${kind} live batch ${batchSize} @ ${latencyMs} ms: intake ${round(result.intakePerS, 0)}/s, drained in ${
        drainedMs === undefined ? `> ${drainBudgetS} s` : `${round(drainedMs / 1000, 1)} s`
      } (${round(result.drainPerS ?? 0, 0)} cases/s), ${requests} register requests (${result.failedRequests} not 200); load ${result.loadavg}`,
    );
    return result;
  } finally {
    await app.stop();
  }
}

async function measurePhase(kind) {
  assertCaseSystemBuilt();
  const workDir = await mkdtemp(join(tmpdir(), `bench-drain-${kind}-`));
  const simulator = await startSimulatorProcess({ vehicles });
  try {
    const plates = await simulator.collectPlates(platePool);
    const results = [];
    if (modes.includes('backlog')) {
      const queued = await queueBacklog(kind, simulator, plates, workDir);
      for (let run = 0; run < runs; run++)
        for (const latencyMs of latencies)
          for (const batchSize of batchSizes)
            results.push(await measureBacklog(kind, simulator, queued, workDir, latencyMs, batchSize, run));
    }
    if (modes.includes('live'))
      for (let run = 0; run < runs; run++)
        for (const latencyMs of latencies)
          for (const batchSize of batchSizes)
            results.push(await measureOne(kind, simulator, plates, workDir, latencyMs, batchSize, run));
    return results;
  } finally {
    await simulator.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function measurePostgresPhase() {
  const out = join(await mkdtemp(join(tmpdir(), 'bench-drain-phase-')), 'postgres.json');
  const self = fileURLToPath(import.meta.url);
  const passOn = process.argv
    .slice(2)
    .filter((a, i, all) => !['--phase', '--phase-out'].includes(a) && !['--phase', '--phase-out'].includes(all[i - 1]));
  const child = spawn(
    'bash',
    [
      join(REPO_ROOT, 'tools/e2e-system/with-postgres.sh'),
      process.execPath,
      self,
      ...passOn,
      '--phase',
      'postgres',
      '--phase-out',
      out,
    ],
    { stdio: 'inherit' },
  );
  const timer = setTimeout(() => child.kill('SIGTERM'), PHASE_TIMEOUT_MS);
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the PostgreSQL phase failed (${code})`);
  const results = JSON.parse(await readFile(out, 'utf8'));
  await rm(out, { force: true });
  return results;
}

if (phase !== undefined) {
  const results = await measurePhase(String(phase));
  await writeFile(String(phaseOut), JSON.stringify(results));
  process.exit(0);
}

const started = performance.now();
const byDatabase = {};
for (const kind of databases) {
  if (kind === 'pglite') byDatabase.pglite = await measurePhase('pglite');
  else if (kind === 'postgres') byDatabase.postgres = await measurePostgresPhase();
  else throw new TypeError(`--databases: unknown database ${kind} (pglite, postgres)`);
}

const LABEL = { pglite: 'PGlite', postgres: 'PostgreSQL' };
const med = (values) => (values.length === 0 ? null : median(values));
const rows = [];
const minimum = Math.ceil(cases / 100);
const MODE = {
  backlog: (n) => `a backlog of ${n} queued cases, from the first register request to the last job's end`,
  live: (n) => `${n} cases from the first webhook to the last final status (webhooks posted while the worker runs)`,
};
for (const [kind, all] of Object.entries(byDatabase)) {
  for (const mode of modes) {
    const results = all.filter((r) => r.mode === mode);
    for (const latencyMs of latencies) {
      const of = (batchSize) => results.filter((r) => r.latencyMs === latencyMs && r.batchSize === batchSize);
      const baseRate = med(
        of(1)
          .map((r) => r.drainPerS)
          .filter((v) => v !== undefined),
      );
      for (const batchSize of batchSizes) {
        const mine = of(batchSize);
        if (mine.length === 0) continue;
        const rate = med(mine.map((r) => r.drainPerS).filter((v) => v !== undefined));
        const requests = med(mine.map((r) => r.requests));
        const failed = med(mine.map((r) => r.failedRequests));
        const label = `${LABEL[kind]}, ${mode}, register latency ${latencyMs} ms, WORKER_BATCH_SIZE=${batchSize}${batchSize === 1 ? ' (one request per case, as before)' : ''}`;
        const goalApplies = batchSize === 100 && latencyMs === 20 && kind === 'postgres';
        rows.push(
          {
            measurement: `${label}: drain rate, ${MODE[mode](cases)}`,
            median: rate === null ? null : round(rate, 0),
            unit: 'cases/s',
            samples: mine.map((r) =>
              r.drainPerS === undefined ? `> ${drainBudgetS} s` : `${round(r.drainPerS, 0)} (load ${r.loadavg})`,
            ),
            ...(batchSize !== 1 && baseRate && rate
              ? { ratio: round(rate / baseRate, 2), ratioTo: 'WORKER_BATCH_SIZE=1, same mode and latency' }
              : {}),
            ...(goalApplies ? { goal: '≥ 1 000 cases/s', met: verdict(rate !== null && rate >= 1000) } : {}),
          },
          {
            measurement: `${label}: register requests (bulk/kjennemerke) per case`,
            median: round(requests / cases, 4),
            unit: 'requests/case',
            samples: mine.map((r) => `${r.requests} requests (${r.failedRequests} not 200)`),
            ...(batchSize === 100 && mode === 'backlog'
              ? {
                  goal: `≤ (ceil(${cases}/100) + retries) / ${cases}`,
                  met: verdict(requests <= minimum + failed, { sizeDependent: false }),
                }
              : {}),
          },
        );
        if (mode === 'live')
          rows.push({
            measurement: `${label}: intake while the worker drains`,
            median: round(med(mine.map((r) => r.intakePerS)), 0),
            unit: 'accepted/s',
          });
      }
    }
  }
}

await writeResult({
  id: 'case-system-drain',
  item: 5,
  title: 'Sample app: drain rate and register requests per case, one request per case vs batched',
  command: reproduceCommand(import.meta.url),
  durationMs: Math.round(performance.now() - started),
  parameters: {
    cases,
    latencies,
    batchSizes,
    runs,
    senders,
    workerConcurrency,
    vehicles,
    platePool,
    drainBudgetS,
    logLevel,
    databases,
    modes,
  },
  rows,
  notes: [
    `Backlog: ${cases} cases are queued once through the signed webhook with the worker off; each run starts the app with its worker on a copy of that database (PostgreSQL: CREATE DATABASE … TEMPLATE; PGlite: a copy of the data directory), waits until no case is MOTTATT, stops the app and reads the span from the first audit intent (the first register request) to the last lookup job's finished_at from the database (the app's boot is not counted; the samples with boot are in the progress output). This measures the worker alone (issue 16 item 1).`,
    `Live: a fresh database per run, the built app with WORKER_CONCURRENCY=${workerConcurrency} (register requests in flight) and WORKER_BATCH_SIZE as shown (linger: the default 5 ms), the simulator with a fixed latency. ${cases} signed observations of plates that exist are posted by ${senders} concurrent senders while the worker runs; the clock runs from the first post until GET /api/saker?status=MOTTATT is empty (polled every ${DRAIN_POLL_MS} ms).`,
    'Register requests are the simulator’s served bulk/kjennemerke requests during the run (any status); "not 200" are retries’ first tries (faults are off, so normally 0).',
    'The drain rate from the first webhook is bounded by the intake rate (item 2): when intake is the slower, the drain rate shows it.',
  ],
});
