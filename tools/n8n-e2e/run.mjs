#!/usr/bin/env node
// End-to-end proof of n8n-nodes-kjoretoyregister in a real n8n 2.8.4 against the simulator.
//
// 1. CLI (`n8n execute`, package loaded through N8N_CUSTOM_EXTENSIONS as CUSTOM.fiksKjoretoyregister):
//    250 plates in ceil(distinct / maxBulkSize) bulk requests with one token; a credential holding a
//    revoked token refreshed through n8n's own 401 path; the CSV example workflow.
// 2. Server (`n8n start`, package installed like a community package in <userFolder>/.n8n/nodes):
//    the credential test through n8n's REST API, and the abandoned-vehicle example behind its webhook.
//    n8n 2.8 only finds a node's credential test (`testedBy`) for packages loaded that way.
//
// Needs the built package and simulator (`npx nx run-many -t build`). Prints `n8n e2e: N passed, M failed`.
import { randomBytes } from 'node:crypto';
import { access, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createChecks } from './lib/checks.mjs';
import {
  CUSTOM_NODE_TYPE,
  PACKAGE_NODE_TYPE,
  CREDENTIAL_TYPE,
  adaptExample,
  codeThenNode,
  credentialData,
  distinctCount,
  twoHundredFiftyPlates,
} from './lib/fixtures.mjs';
import { ensureN8n } from './lib/install.mjs';
import { freePort } from '../e2e-system/free-port.mjs';
import { n8nEnv, outputOf, runN8n, startN8nServer } from './lib/n8n-process.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageDir = join(repo, 'packages', 'n8n-nodes-kjoretoyregister');
const COMMAND_TIMEOUT_MS = 180_000;
const SERVER_READY_MS = 180_000;
const HTTP_TIMEOUT_MS = 60_000;
const MAX_BULK_SIZE = 100;
const FIKS = '/kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0';
const ROUTES = {
  bulk: `POST ${FIKS}/bulk/kjennemerke`,
  vin: `GET ${FIKS}/bulk/understellsnummer/{understellsnummer}`,
  probe: `GET ${FIKS}/sok/kjennemerke`,
};
const FNR = /\b\d{11}\b/;

const checks = createChecks();

async function requireBuilt(path, what) {
  try {
    await access(path);
  } catch {
    throw new Error(`${what} is not built (${path}); run \`npx nx run-many -t build\` first`);
  }
}

const routes = (simulator, route) => simulator.stats().routes[route] ?? {};

async function cliScenarios({ bin, simulator, tmp, encryptionKey }) {
  const userFolder = join(tmp, 'cli');
  const files = join(tmp, 'files');
  await mkdir(files, { recursive: true });
  const env = await n8nEnv(userFolder, {
    N8N_ENCRYPTION_KEY: encryptionKey,
    N8N_CUSTOM_EXTENSIONS: join(packageDir, 'dist'),
    N8N_RESTRICT_FILE_ACCESS_TO: files,
  });
  const n8n = (args) => runN8n(bin, args, env, COMMAND_TIMEOUT_MS);

  // A token that the simulator issued and then revoked: what n8n holds after Fiks stops accepting it.
  const { configFromEnv, createKjoretoyregisterClient } = await import(
    pathToFileURL(join(repo, 'packages', 'core', 'dist', 'index.js')).href
  );
  const client = createKjoretoyregisterClient(configFromEnv(simulator.env));
  const revokedToken = (await client.getAccessToken()).value;
  await client.close();
  simulator.revokeTokens();

  const fresh = { id: 'kjrE2eFreshCred01', name: 'Simulator (PEM)' };
  const stale = { id: 'kjrE2eStaleCred01', name: 'Simulator (p12, revoked token)' };
  const credentials = [
    { ...fresh, type: CREDENTIAL_TYPE, data: credentialData(simulator) },
    {
      ...stale,
      type: CREDENTIAL_TYPE,
      data: credentialData(simulator, { keyMaterial: 'pkcs12', accessToken: revokedToken }),
    },
  ];
  const plates = twoHundredFiftyPlates();
  const example = JSON.parse(await readFile(join(packageDir, 'examples', 'csv-bulk-lookup.json'), 'utf8'));
  const workflows = [
    codeThenNode({
      id: 'kjrE2eBulk0000001',
      name: 'e2e: 250 plates',
      items: plates.map((kjennemerke) => ({ kjennemerke })),
      nodeName: 'Kjøretøy',
      parameters: {
        resource: 'kjoretoy',
        operation: 'kjennemerke',
        kjennemerke: '={{ $json.kjennemerke }}',
        options: { maxBulkSize: MAX_BULK_SIZE },
      },
      credential: fresh,
    }),
    codeThenNode({
      id: 'kjrE2eRefresh0001',
      name: 'e2e: revoked token',
      items: [{ vin: 'TESTDUPVIN0000001' }, { vin: 'TESTDIGDIR0000016' }],
      nodeName: 'VIN',
      parameters: { resource: 'kjoretoy', operation: 'understellsnummer', understellsnummer: '={{ $json.vin }}' },
      credential: stale,
    }),
    adaptExample(example, {
      id: 'kjrE2eCsvExample1',
      credential: fresh,
      nodeType: CUSTOM_NODE_TYPE,
      replacePaths: { '/home/node/.n8n-files': files },
    }),
  ];
  await writeFile(join(tmp, 'credentials.json'), JSON.stringify(credentials));
  await writeFile(join(tmp, 'workflows.json'), JSON.stringify(workflows));
  const imported = [
    await n8n(['import:credentials', `--input=${join(tmp, 'credentials.json')}`]),
    await n8n(['import:workflow', `--input=${join(tmp, 'workflows.json')}`]),
  ];
  checks.check(
    'import credentials and workflows',
    imported.every((r) => r.code === 0),
    imported.map((r) => r.stderr.slice(-500)).join(' '),
  );

  console.log('- 250 plates in one execution');
  simulator.reset();
  const bulk = await n8n(['execute', '--id=kjrE2eBulk0000001']);
  checks.equal('n8n execute exits 0', bulk.code, 0);
  const items = outputOf(bulk.stdout, 'Kjøretøy');
  checks.equal('one output item per input item', items.length, plates.length);
  checks.check(
    'every item paired to its input',
    items.every((item, i) => item.pairedItem?.item === i),
  );
  const statusOf = (input) => items.find((item) => item.json.input === input)?.json;
  checks.check(
    'status on every item',
    items.every((item) => ['found', 'not_found', 'unavailable'].includes(item.json.status)),
  );
  checks.equal(
    'lower-case plate found',
    [statusOf('cu10942')?.status, statusOf('cu10942')?.kjennemerke],
    ['found', 'CU 10942'],
  );
  checks.equal('personal plate found', statusOf('TESLA1')?.kjennemerke, 'TESLA1');
  checks.equal('unknown plate is a result, not an error', statusOf('XX10000')?.status, 'not_found');
  checks.equal('unreleased vehicle is unavailable', statusOf('ST10008')?.status, 'unavailable');
  checks.check('no fødselsnummer in Teknisk sammendrag', !FNR.test(JSON.stringify(items)));
  const expectedRequests = Math.ceil(distinctCount(plates) / MAX_BULK_SIZE);
  checks.equal(
    `bulk requests = ceil(${distinctCount(plates)} distinct / ${MAX_BULK_SIZE}) = ${expectedRequests}`,
    routes(simulator, ROUTES.bulk),
    { 200: expectedRequests },
  );
  checks.equal('one token request', simulator.stats().tokenRequests.ok, 1);

  console.log('- a stored token that Fiks no longer accepts');
  simulator.reset();
  const refresh = await n8n(['execute', '--id=kjrE2eRefresh0001']);
  checks.equal('n8n execute exits 0', refresh.code, 0);
  const vins = outputOf(refresh.stdout, 'VIN');
  checks.equal(
    'VIN lookups answered after the refresh',
    vins.map((item) => [item.json.status, item.json.antallTreff]),
    [
      ['found', 2],
      ['found', 1],
    ],
  );
  checks.equal('n8n fetched exactly one new token', simulator.stats().tokenRequests.ok, 1);
  checks.equal('the lookup met the revoked token once', routes(simulator, ROUTES.vin)['401'], 1);
  checks.equal('the refresh probe: 401, then answered with the new token', routes(simulator, ROUTES.probe), {
    401: 1,
    204: 1,
  });

  console.log('- example: CSV bulk lookup');
  simulator.reset();
  await writeFile(join(files, 'kjennemerker.csv'), 'kjennemerke\nCU10942\nec 80261\nXX99999\nTESLA1\nnot a plate!\n');
  const csv = await n8n(['execute', '--id=kjrE2eCsvExample1']);
  checks.equal('n8n execute exits 0', csv.code, 0);
  const written = await readFile(join(files, 'teknisk-sammendrag.csv'), 'utf8').catch(() => '');
  const lines = written.trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const statusColumn = header.indexOf('status');
  checks.equal(
    'CSV written with one row per input row and its status',
    lines.slice(1).map((line) => line.split(',')[statusColumn]),
    ['found', 'found', 'not_found', 'found', 'invalid'],
  );
  checks.equal('the stored token was reused', simulator.stats().tokenRequests.ok, 0);
  checks.equal('one bulk request for the file', routes(simulator, ROUTES.bulk), { 200: 1 });
}

async function serverScenarios({ bin, simulator, tmp, encryptionKey }) {
  const userFolder = join(tmp, 'server');
  // Where n8n keeps community packages it installed; n8n loads them at start.
  const installed = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-kjoretoyregister');
  await mkdir(installed, { recursive: true });
  await cp(join(packageDir, 'package.json'), join(installed, 'package.json'));
  await cp(join(packageDir, 'dist'), join(installed, 'dist'), { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = await n8nEnv(userFolder, {
    N8N_ENCRYPTION_KEY: encryptionKey,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_SECURE_COOKIE: 'false',
  });
  const server = startN8nServer(bin, env);
  try {
    await server.ready(SERVER_READY_MS);
    const headers = { 'content-type': 'application/json', 'browser-id': 'kjoretoyregister-e2e' };
    const rest = async (method, path, body) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      const cookie = response.headers.get('set-cookie');
      if (cookie) headers.cookie = cookie.split(';')[0];
      return JSON.parse(text).data;
    };
    await rest('POST', '/rest/owner/setup', {
      email: 'e2e@kjoretoyregister.invalid',
      firstName: 'E2E',
      lastName: 'Harness',
      password: `E2e-${randomBytes(9).toString('hex')}`,
    });
    const data = credentialData(simulator, { keyMaterial: 'pkcs12' });
    const created = await rest('POST', '/rest/credentials', { name: 'Simulator', type: CREDENTIAL_TYPE, data });
    const testWith = (overrides) =>
      rest('POST', '/rest/credentials/test', {
        credentials: { id: created.id, name: 'Simulator', type: CREDENTIAL_TYPE, data: { ...data, ...overrides } },
      });

    console.log('- credential test (n8n REST API)');
    simulator.reset();
    const ok = await testWith({});
    checks.equal('credential test passes', ok.status, 'OK');
    checks.check(
      'and made one harmless call',
      routes(simulator, ROUTES.probe)['204'] === 1 && simulator.stats().itemsLookedUp === 0,
    );
    const badPassword = await testWith({ integrasjonPassword: 'not-the-password' });
    checks.check(
      'wrong IntegrasjonPassord: the doctor hint names the three integration checks',
      badPassword.status === 'Error' && /IntegrasjonPassord is wrong/.test(badPassword.message),
      badPassword.message,
    );
    const unknownClient = await testWith({ clientId: 'unknown-client' });
    checks.check(
      'unknown Maskinporten client: the MP-100 hint',
      unknownClient.status === 'Error' && /MP-100.*Samarbeidsportalen/.test(unknownClient.message),
      unknownClient.message,
    );

    console.log('- example: abandoned-vehicle report behind its webhook');
    simulator.reset();
    const example = JSON.parse(await readFile(join(packageDir, 'examples', 'abandoned-vehicle-report.json'), 'utf8'));
    const workflow = adaptExample(example, {
      id: undefined,
      credential: { id: created.id, name: 'Simulator' },
      nodeType: PACKAGE_NODE_TYPE,
    });
    delete workflow.id;
    const saved = await rest('POST', '/rest/workflows', workflow);
    await rest('POST', `/rest/workflows/${saved.id}/activate`, { versionId: saved.versionId });
    const report = async (observert) => {
      const response = await fetch(`${base}/webhook/hensatt-kjoretoy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kjennemerke: 'st 10001', observert, saksnummer: '2024/4711' }),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      return { status: response.status, json: await response.json().catch(() => ({})) };
    };
    const before = await report('2024-03-01T12:00:00+01:00');
    const after = await report('2024-04-01T12:00:00+02:00');
    checks.equal('webhook answers 200', [before.status, after.status], [200, 200]);
    checks.check(
      'owner at the observation time, before the sale',
      before.json.oppslag === 'found' && /SIGRID/.test(before.json.mottaker) && before.json.saksnummer === '2024/4711',
      JSON.stringify(before.json).slice(0, 200),
    );
    checks.check('and after it', /MAGNUS/.test(after.json.mottaker ?? ''), JSON.stringify(after.json).slice(0, 200));
    checks.check(
      'notice data has a postal address and no fødselsnummer',
      Array.isArray(before.json.adresselinjer) &&
        before.json.adresselinjer.length > 0 &&
        !FNR.test(JSON.stringify(before.json)),
    );
  } finally {
    await server.stop();
  }
}

async function main() {
  await requireBuilt(
    join(packageDir, 'dist', 'nodes', 'FiksKjoretoyregister', 'FiksKjoretoyregister.node.js'),
    'n8n-nodes-kjoretoyregister',
  );
  await requireBuilt(join(repo, 'packages', 'simulator', 'dist', 'index.js'), '@kjoretoyregister/simulator');
  await requireBuilt(join(repo, 'packages', 'core', 'dist', 'index.js'), '@kjoretoyregister/core');
  const { bin } = await ensureN8n();
  const { startSimulator } = await import(pathToFileURL(join(repo, 'packages', 'simulator', 'dist', 'index.js')).href);
  const simulator = await startSimulator({ port: 0, maxBulkSize: MAX_BULK_SIZE });
  const tmp = await mkdtemp(join(tmpdir(), 'kjoretoyregister-n8n-e2e-'));
  const context = { bin, simulator, tmp, encryptionKey: randomBytes(24).toString('hex') };
  try {
    console.log('n8n e2e: CLI (N8N_CUSTOM_EXTENSIONS)');
    await cliScenarios(context).catch((error) => checks.fail('CLI scenarios', error));
    console.log('n8n e2e: server (installed community package)');
    await serverScenarios(context).catch((error) => checks.fail('server scenarios', error));
  } finally {
    await simulator.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main().catch((error) => checks.fail('n8n e2e harness', error));
const { passed, failed } = checks.summary();
console.log(`n8n e2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
