// The main job: the whole flow of the sample case system on one machine, with nothing to install.
// Starts the simulator (Maskinporten + Fiks + SVV, synthetic data) and the app on an embedded
// PGlite database, creates a demo user, sends one signed webhook and prints the resulting case.
//
//   npm run main-job -w @kjoretoyregister/case-system [-- --keep-running] [-- --verbose]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '@kjoretoyregister/simulator';
import { Webhook } from 'standardwebhooks';
import { createApiUser } from '../src/auth/users.service.js';
import { loadConfig } from '../src/config/load-config.js';
import { startCaseSystem } from '../src/create-app.js';
import { UsersRepository } from '../src/persistence/users.repository.js';
import type { Sak } from '../src/saker/domain/sak.js';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';

const keepRunning = process.argv.includes('--keep-running');
const verbose = process.argv.includes('--verbose');
const WAIT_FOR_LOOKUP_MS = 60_000;

const out = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const simulator = await startSimulator({ port: 0, vehicles: 1_000 });
  const dataDir = mkdtempSync(join(tmpdir(), 'case-system-demo-'));
  const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const config = loadConfig({
    ...simulator.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: process.env['PORT'] ?? '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: verbose ? 'info' : 'warn',
    WEBHOOK_INBOUND_SOURCES: `demo-feltapp=${webhookSecret}`,
    WORKER_POLL_INTERVAL_MS: '200',
  });
  const { app, url } = await startCaseSystem(config);
  let exitCode = 0;
  try {
    const { user, apiKey } = await createApiUser(
      app.get(UsersRepository),
      'demo-saksbehandler',
      'admin',
      'demo:main-job',
    );
    printIntro({ url, simulatorUrl: simulator.url, dataDir, user, apiKey });
    const sakId = await sendObservation(url, webhookSecret);
    const sak = await showResult(url, apiKey, sakId);
    if (sak.status !== 'EIER_FUNNET') exitCode = 1;
    if (keepRunning) await untilStopped();
  } catch (error) {
    process.stderr.write(`Main job failed: ${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = 1;
  } finally {
    await app.close();
    await simulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

function printIntro(demo: {
  url: string;
  simulatorUrl: string;
  dataDir: string;
  user: { name: string; role: string };
  apiKey: string;
}): void {
  const { url, user } = demo;
  out('Sample case system for hensatt kjøretøy is running (embedded PGlite, simulated Kjøretøyregister).');
  out();
  out(`  App            ${url}`);
  out(`  Web page       ${url}/saker   (log in with the API key below)`);
  out(`  OpenAPI        ${url}/docs`);
  out(`  Health         ${url}/health`);
  out(`  Simulator      ${demo.simulatorUrl}`);
  out(`  Database       ${demo.dataDir}`);
  out(`  Demo user      ${user.name} (${user.role})`);
  out(`  API key        ${demo.apiKey}`);
  out();
}

/** Sends one signed observation webhook, as a field app would; returns the new case's id. */
async function sendObservation(url: string, webhookSecret: string): Promise<string> {
  // An observation of ST 10001 on 1 March 2024: before its sale on 15 March, so the owner at
  // the observation time is SIGRID TESTRUD, not today's owner (STORY_VEHICLES.md).
  const observasjon = {
    kjennemerke: 'ST10001',
    observertTidspunkt: '2024-03-01T10:00:00+01:00',
    sted: { adresse: 'Storgata 1, 0155 Oslo', lat: 59.9127, lon: 10.7461 },
    beskrivelse: 'Uregistrert bil har stått på kommunal vei i tre uker',
  };
  const body = JSON.stringify(observasjon);
  const webhookId = `msg_demo_${randomBytes(8).toString('hex')}`;
  const now = new Date();
  const signature = new Webhook(webhookSecret).sign(webhookId, now, body);
  out(`$ POST ${url}/webhooks/observasjoner   (webhook-id ${webhookId}, Standard Webhooks signature)`);
  out(`  ${body}`);
  const response = await fetch(`${url}/webhooks/observasjoner`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  });
  const accepted = (await response.json()) as { id: string; status: string };
  out(`  → ${response.status} ${JSON.stringify(accepted)}   Location: ${response.headers.get('location')}`);
  if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
  return accepted.id;
}

/** Waits for the lookup, then prints the case and its audit trail. */
async function showResult(url: string, apiKey: string, id: string): Promise<Sak> {
  out();
  out('Waiting for the worker to look up the owner as of the observation time …');
  const sak = await waitForLookup(url, apiKey, id);
  out();
  out(`$ GET ${url}/api/saker/${sak.id}`);
  out(JSON.stringify(sak, null, 2));
  const logg = await getJson<AuditLogEntry[]>(url, apiKey, `/api/saker/${sak.id}/logg`);
  out();
  out(`$ GET ${url}/api/saker/${sak.id}/logg   (the audit trail: one row per register call)`);
  out(JSON.stringify(logg, null, 2));
  out();
  out(`Result: ${sak.status}, owner ${sak.eier?.eier?.navn ?? '–'}, notice deadline ${sak.varselFrist ?? '–'}.`);
  return sak;
}

async function untilStopped(): Promise<void> {
  out();
  out('--keep-running: press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function waitForLookup(url: string, apiKey: string, id: string): Promise<Sak> {
  const deadline = Date.now() + WAIT_FOR_LOOKUP_MS;
  for (;;) {
    const sak = await getJson<Sak>(url, apiKey, `/api/saker/${id}`);
    if (sak.status !== 'MOTTATT') return sak;
    if (Date.now() > deadline) throw new Error(`the lookup did not complete within ${WAIT_FOR_LOOKUP_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function getJson<T>(url: string, apiKey: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

void main();
