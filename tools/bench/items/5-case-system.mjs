#!/usr/bin/env node
// Item 5 — the sample case system under load: Standard Webhooks signed observations at a fixed
// rate (autocannon, in this process) against the built app in its own process, on PGlite and on
// PostgreSQL. Baseline, same process and same load: a bare node:http server answering 202.
// Afterwards the app is stopped cleanly and its database is compared with what it acknowledged.
//
// PostgreSQL runs under tools/e2e-system/with-postgres.sh (a throwaway cluster): this script
// re-runs itself there with `--phase postgres --phase-out <file>` and merges the numbers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../../e2e-system/free-port.mjs';
import { flag, numberFlag, smoke } from '../lib/args.mjs';
import {
  assertCaseSystemBuilt,
  createApiKey,
  hasPendingCases,
  startCaseSystemProcess,
} from '../lib/case-system-app.mjs';
import { verifyCases } from '../lib/case-system-db.mjs';
import { newWebhookSecret, runSignedLoad, startBareServer, summariseLoad } from '../lib/case-system-load.mjs';
import { REPO_ROOT, reproduceCommand, verdict, writeResult } from '../lib/results.mjs';
import { startSimulatorProcess } from '../lib/simulator-process.mjs';
import { median, round } from '../lib/stats.mjs';

const durationS = numberFlag('duration', smoke ? 3 : 30);
const rate = numberFlag('rate', smoke ? 50 : 1_200);
// Each connection has one request in flight, so the offered rate is reached only while
// connections / latency ≥ rate: 400 connections keep 1 200/s up to 330 ms of latency.
const connections = numberFlag('connections', smoke ? 10 : 400);
const runs = numberFlag('runs', 1);
const warmupS = numberFlag('warmup-s', smoke ? 0 : 3);
// Open loop (no rate) for this long after the fixed-rate run: the ceiling. 0 skips it.
const ceilingS = numberFlag('ceiling-s', smoke ? 0 : 10);
const latencyMs = numberFlag('latency', 20);
const vehicles = numberFlag('vehicles', smoke ? 10_000 : 100_000);
const platePool = numberFlag('plates', smoke ? 200 : 2_000);
// Jobs in flight per app: the default 4 would take minutes to drain 30 s of webhooks at 1 000/s
// against a 20 ms register; a deployment expecting such bursts raises it. The poll interval is the
// app's default (1 s): a busy worker claims again as soon as a job finishes.
const workerConcurrency = numberFlag('worker-concurrency', 16);
const workerPollMs = numberFlag('worker-poll-ms', 1_000);
const drainBudgetS = numberFlag('drain-budget-s', smoke ? 30 : 300);
const logLevel = String(flag('log-level', 'info'));
const databases = String(flag('databases', smoke ? 'pglite' : 'pglite,postgres'))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const cpuProfDir = flag('cpu-prof-dir', undefined);
// Extra app environment for experiments, e.g. `--app-env WORKER_ENABLED=false,LOG_LEVEL=warn`.
const appEnv = Object.fromEntries(
  String(flag('app-env', ''))
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const phase = flag('phase', undefined);
const phaseOut = flag('phase-out', undefined);
const SOURCE = 'bench';
const DRAIN_POLL_MS = 200;
const PHASE_TIMEOUT_MS = 30 * 60_000;

const t0 = performance.now();
/** Progress on stderr: a full run takes minutes. */
const progress = (message) =>
  process.stderr.write(`[item 5 ${((performance.now() - t0) / 1000).toFixed(1)} s] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh, empty database per run: a PGlite directory, or a new database on the PostgreSQL server. */
async function freshDatabase(kind, workDir, run) {
  if (kind === 'pglite') {
    const dataDir = join(workDir, `pglite-${run}`);
    return { env: { DATA_DIR: dataDir }, where: { dataDir } };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error('the postgres phase needs DATABASE_URL (run through tools/e2e-system/with-postgres.sh)');
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, where: { url: url.toString() } };
}

/** Polls until no case is MOTTATT any more; bounded by the drain budget. */
async function waitUntilDrained(url, apiKey, startedAt) {
  const deadline = startedAt + drainBudgetS * 1000;
  while (performance.now() < deadline) {
    // Right after the load the app still works off its backlog and may answer slowly: a poll
    // that times out counts as "not yet".
    const pending = await hasPendingCases(url, apiKey).catch(() => true);
    if (!pending) return performance.now() - startedAt;
    await sleep(DRAIN_POLL_MS);
  }
  return undefined;
}

/** One run on one database: the bare floor, then the app (fresh database) under the same load. */
async function measureRun(kind, simulator, plates, workDir, run) {
  const load = { plates, durationS, rate, connections };
  /** Open loop (no rate) for `ceilingS`: as fast as the connections allow. */
  const ceiling = (url, secret, idPrefix) =>
    runSignedLoad({ ...load, url, secret, durationS: ceilingS, rate: 0, idPrefix });
  progress(`${kind} run ${run + 1}/${runs}: bare server`);
  const bare = await startBareServer();
  let bareSummary;
  let bareCeiling;
  try {
    const secret = newWebhookSecret();
    bareSummary = summariseLoad(
      await runSignedLoad({ ...load, url: bare.url, secret, idPrefix: `bare${run}` }),
      durationS,
    );
    if (ceilingS > 0) {
      bareCeiling = summariseLoad(await ceiling(bare.url, secret, `barec${run}`), ceilingS);
    }
  } finally {
    await bare.stop();
  }

  progress(`${kind} run ${run + 1}/${runs}: app (create user, start)`);
  const database = await freshDatabase(kind, workDir, run);
  const secret = newWebhookSecret();
  const env = {
    ...simulator.env,
    ...database.env,
    // Not production: that refuses the simulator's well-known placeholder credentials.
    NODE_ENV: 'development',
    PORT: String(await freePort()),
    LOG_LEVEL: logLevel,
    WEBHOOK_INBOUND_SOURCES: `${SOURCE}=${secret}`,
    WORKER_CONCURRENCY: String(workerConcurrency),
    WORKER_POLL_INTERVAL_MS: String(workerPollMs),
    ...appEnv,
  };
  const apiKey = await createApiKey(env);
  const app = await startCaseSystemProcess({ env, logFile: join(workDir, `app-${kind}-${run}.log`), cpuProfDir });
  const acknowledged = new Map();
  const remember = (outcome) => {
    for (const map of [outcome.accepted, outcome.replayed])
      for (const [id, caseId] of map) acknowledged.set(id, caseId);
  };
  let appSummary;
  let appCeiling;
  let drainMs;
  let exitCode;
  try {
    // JIT and connection pools warm up at a quarter of the rate; those cases are checked for loss too.
    if (warmupS > 0) {
      remember(
        await runSignedLoad({
          ...load,
          url: app.url,
          secret,
          durationS: warmupS,
          rate: Math.max(1, Math.round(rate / 4)),
          idPrefix: `warm${run}`,
        }),
      );
      await waitUntilDrained(app.url, apiKey, performance.now());
    }
    progress(`${kind} run ${run + 1}/${runs}: app at ${rate}/s for ${durationS} s`);
    const startedAt = performance.now();
    const cpuBefore = app.cpuMs();
    const outcome = await runSignedLoad({ ...load, url: app.url, secret, idPrefix: `run${run}` });
    const cpuAfter = app.cpuMs();
    remember(outcome);
    appSummary = summariseLoad(outcome, durationS);
    // CPU per accepted webhook barely moves with the machine's load, unlike the rate.
    if (cpuBefore !== undefined && cpuAfter !== undefined && appSummary.twoXx > 0) {
      appSummary.cpuUsPerAccepted = ((cpuAfter - cpuBefore) * 1000) / appSummary.twoXx;
    }
    progress(`${kind} run ${run + 1}/${runs}: waiting for the worker to finish every case`);
    drainMs = await waitUntilDrained(app.url, apiKey, startedAt);
    if (ceilingS > 0) {
      const open = await ceiling(app.url, secret, `ceil${run}`);
      remember(open);
      appCeiling = summariseLoad(open, ceilingS);
    }
  } finally {
    exitCode = await app.stop();
  }
  progress(`${kind} run ${run + 1}/${runs}: stopped (exit ${exitCode}); checking the database`);
  const verified = await verifyCases(database.where, SOURCE, acknowledged);
  return { bare: bareSummary, bareCeiling, app: appSummary, appCeiling, drainMs, exitCode, verified };
}

/** Every run on one database, in this process (the simulator in its own). */
async function measurePhase(kind) {
  assertCaseSystemBuilt();
  const workDir = await mkdtemp(join(tmpdir(), `bench-case-system-${kind}-`));
  const simulator = await startSimulatorProcess({ vehicles });
  try {
    const plates = await simulator.collectPlates(platePool);
    await simulator.setFaults({ latency: { fixedMs: latencyMs } });
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await measureRun(kind, simulator, plates, workDir, run));
    return results;
  } finally {
    await simulator.stop();
    // Logs are kept only while someone may read them: with a profile, keep the work dir.
    if (!cpuProfDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** The PostgreSQL phase: this script again, under a throwaway cluster, writing its runs to a file. */
async function measurePostgresPhase() {
  const out = join(await mkdtemp(join(tmpdir(), 'bench-case-system-phase-')), 'postgres.json');
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
    {
      stdio: 'inherit',
    },
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
  // Child mode: one database, results to a file for the parent.
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

const LABEL = { pglite: 'PGlite (embedded, in the app process)', postgres: 'PostgreSQL 15 (throwaway local cluster)' };
const rows = [];
const pick = (results, fn) => results.map(fn).filter((v) => v !== undefined && v !== null);
const med = (values) => (values.length === 0 ? null : median(values));
for (const [kind, results] of Object.entries(byDatabase)) {
  const label = LABEL[kind];
  const appRate = pick(results, (r) => r.app.acceptedPerS);
  const bareRate = pick(results, (r) => r.bare.acceptedPerS);
  const rateRatio = pick(results, (r) => r.app.acceptedPerS / r.bare.acceptedPerS);
  const p99Ratio = pick(results, (r) => r.app.p99Ms / Math.max(r.bare.p99Ms, 1));
  const drains = results.map((r) => r.drainMs);
  const lost = results.map((r) => r.verified.lost + r.verified.wrongCase + r.verified.withoutJob);
  const acceptedMedian = med(appRate);
  rows.push(
    {
      measurement: `${label}: accepted/s at an offered ${rate}/s for ${durationS} s (2xx / duration)`,
      median: round(acceptedMedian, 1),
      unit: 'accepted/s',
      samples: appRate.map((v) => round(v, 1)),
      ratio: round(med(rateRatio)),
      ratioTo: 'bare node:http 202 server, same load',
      goal: '≥ 1 000/s on 2 cores',
      met: verdict(acceptedMedian >= 1000),
    },
    {
      measurement: `${label}: app process CPU per accepted webhook during the fixed-rate run (intake and the worker beside it; ${kind === 'postgres' ? 'the PostgreSQL server not included' : 'the database included'})`,
      median: round(med(pick(results, (r) => r.app.cpuUsPerAccepted)), 0),
      unit: 'µs CPU',
      samples: pick(results, (r) => r.app.cpuUsPerAccepted).map((v) => round(v, 0)),
    },
    {
      measurement: `${label}: bare node:http server, same load: accepted/s`,
      median: round(med(bareRate), 1),
      unit: 'accepted/s',
      samples: bareRate.map((v) => round(v, 1)),
    },
    {
      measurement: `${label}: requests sent per second to the app (the rate autocannon managed to offer)`,
      median: round(med(results.map((r) => r.app.sent / durationS)), 1),
      unit: 'requests/s',
    },
    {
      measurement: `${label}: app non-2xx / errors / timeouts (of requests sent)`,
      median: `${med(results.map((r) => r.app.non2xx))} / ${med(results.map((r) => r.app.errors))} / ${med(results.map((r) => r.app.timeouts))} (of ${med(results.map((r) => r.app.sent))})`,
      unit: 'responses',
    },
    {
      measurement: `${label}: app latency p50 / p99 (corrected for coordinated omission)`,
      median: `${med(results.map((r) => r.app.p50Ms))} / ${med(results.map((r) => r.app.p99Ms))}`,
      unit: 'ms',
      ratio: round(med(p99Ratio), 1),
      ratioTo: 'bare server p99',
    },
    {
      measurement: `${label}: bare server latency p50 / p99`,
      median: `${med(results.map((r) => r.bare.p50Ms))} / ${med(results.map((r) => r.bare.p99Ms))}`,
      unit: 'ms',
    },
    {
      measurement: `${label}: first request until every accepted case is final (register latency ${latencyMs} ms, ${workerConcurrency} jobs in flight)`,
      median: drains.every((d) => d !== undefined) ? round(med(drains) / 1000, 1) : null,
      unit: 's',
      samples: drains.map((d) => (d === undefined ? `> ${drainBudgetS}` : round(d / 1000, 1))),
    },
    {
      measurement: `${label}: cases lost (acknowledged webhook-id without its case or lookup job, after a clean stop)`,
      median: med(lost),
      unit: 'cases',
      samples: lost,
      goal: '0',
      met: verdict(
        lost.every((n) => n === 0),
        { sizeDependent: false },
      ),
    },
    {
      measurement: `${label}: cases in the database by status at the end (the ceiling run's cases are not waited for)`,
      median: Object.entries(results.at(-1).verified.byStatus)
        .map(([status, n]) => `${status} ${n}`)
        .join(', '),
      unit: 'cases',
    },
  );
  if (ceilingS > 0) {
    const appCeil = pick(results, (r) => r.appCeiling?.acceptedPerS);
    const bareCeil = pick(results, (r) => r.bareCeiling?.acceptedPerS);
    rows.push({
      measurement: `${label}: ceiling, open loop ${ceilingS} s with ${connections} connections: app accepted/s (bare ${round(med(bareCeil), 0)}/s)`,
      median: round(med(appCeil), 1),
      unit: 'accepted/s',
      samples: appCeil.map((v) => round(v, 1)),
      ratio: round(
        med(
          pick(results, (r) =>
            r.appCeiling && r.bareCeiling ? r.appCeiling.acceptedPerS / r.bareCeiling.acceptedPerS : undefined,
          ),
        ),
      ),
      ratioTo: 'bare server, open loop',
    });
  }
}

await writeResult({
  id: 'case-system',
  item: 5,
  title: 'Sample app: signed webhooks at a fixed rate on PGlite and PostgreSQL',
  command: reproduceCommand(import.meta.url),
  durationMs: Math.round(performance.now() - started),
  parameters: {
    durationS,
    rate,
    connections,
    runs,
    warmupS,
    ceilingS,
    latencyMs,
    vehicles,
    platePool,
    workerConcurrency,
    workerPollMs,
    drainBudgetS,
    logLevel,
    databases,
    appEnv,
  },
  rows,
  notes: [
    'The built app (apps/case-system/dist) runs in its own process (NODE_ENV=development: production refuses the simulator’s placeholder credentials) with request logging at info (to a file); the simulator runs in another, with a fixed register latency; autocannon runs in the bench process. All share the same cores.',
    'Every request is signed when it leaves: its own webhook-id, a fresh webhook-timestamp and an HMAC-SHA256 Standard Webhooks signature over the exact body, an observation of a plate that exists in the simulator. The app verifies the signature, validates the body with zod and writes inbox entry, case and lookup job in one statement (with the status event in the same transaction when outbound subscribers are configured; none are here) before it answers 202. Concurrent webhooks are group-committed: those arriving while one statement runs share the next (up to 100), each answered after its own rows committed.',
    'App CPU per accepted webhook: the app process’s user + system time (/proc) over the fixed-rate run divided by its 2xx answers; it includes the worker running alongside, and on PostgreSQL not the server’s CPU. It moves much less with the machine’s load than the rates do.',
    `autocannon's overallRate is spread over the connections and released per second, so load comes in bursts at the start of each second; latencies are corrected for coordinated omission. A ${warmupS} s warm-up at a quarter of the rate precedes each measured run.`,
    'Cases lost: after the fixed-rate and ceiling runs the app is stopped with SIGTERM, its database opened by the bench, and every webhook-id answered 2xx is looked up in the inbox, joined to its case (with the case id the app returned) and to a lookup job.',
    `Worker: WORKER_CONCURRENCY=${workerConcurrency}, WORKER_POLL_INTERVAL_MS=${workerPollMs} (the app default). Before the fix found by this benchmark a full worker slept out the poll interval even with free slots and a backlog, draining about concurrency / interval = 4 jobs/s with the defaults; it now claims again as soon as a job finishes (apps/case-system/test/worker-backlog.e2e-spec.ts).`,
  ],
});
