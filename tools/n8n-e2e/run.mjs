#!/usr/bin/env node
// End-to-end proof of n8n-nodes-kjoretoyregister in real n8n against the simulator, on the n8n releases
// of lib/install.mjs: the oldest the package supports (2.8.4, on the machine's Node 20) and the current
// 2.x (on Node 24 from the npm registry). The package is the `npm pack` tarball, installed into each
// n8n user folder the way n8n's community-package installer does it (lib/community-package.mjs).
//
// Per n8n version:
// 1. CLI (`n8n execute --id`): 250 plates in ceil(distinct / maxBulkSize) bulk requests with one token;
//    a credential holding a revoked token refreshed through n8n's own 401 path; continueOnFail; the node
//    as an AI tool (usableAsTool) through n8n's Tool Executor; the CSV example workflow.
// 2. Server (`n8n start`): the credential test through n8n's REST API, and the abandoned-vehicle
//    example behind its webhook.
//
//   node tools/n8n-e2e/run.mjs                    every version, side by side (installs one at a time)
//   node tools/n8n-e2e/run.mjs --n8n latest       one version (oldest | latest; repeatable)
//   node tools/n8n-e2e/run.mjs --sequential       one version after the other
//
// Needs the built package and simulator (`npx nx run-many -t build`). Prints a line per version and,
// last, `n8n e2e: N passed, M failed`; exit code 0 only when every check passed.
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createChecks } from './lib/checks.mjs';
import { installCommunityPackage, packPackage } from './lib/community-package.mjs';
import {
  PACKAGE_NODE_TYPE,
  CREDENTIAL_TYPE,
  adaptExample,
  codeThenNode,
  credentialData,
  distinctCount,
  toolExecution,
  twoHundredFiftyPlates,
} from './lib/fixtures.mjs';
import { N8N_TARGETS, ensureN8n } from './lib/install.mjs';
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

const { values: options } = parseArgs({
  options: {
    n8n: { type: 'string', multiple: true },
    // Side by side by default: on a busy 2-core machine both versions passed together in about 150 s,
    // against about 100 s + 240 s one after the other; every wait stays far inside its bound.
    sequential: { type: 'boolean', default: false },
  },
});
const targetNames = options.n8n ?? ['latest', 'oldest'];
for (const name of targetNames) {
  if (!N8N_TARGETS[name]) throw new Error(`unknown --n8n ${name}; known: ${Object.keys(N8N_TARGETS).join(', ')}`);
}

async function requireBuilt(path, what) {
  try {
    await access(path);
  } catch {
    throw new Error(`${what} is not built (${path}); run \`npx nx run-many -t build\` first`);
  }
}

const routes = (simulator, route) => simulator.stats().routes[route] ?? {};

/** The package's `n8n` block names the files n8n loads; each must be in the tarball. */
async function checkTarball(checks, packed) {
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const declared = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
  const missing = declared.filter((path) => !packed.files.includes(path));
  checks.check(`the tarball holds every file the n8n block names (${declared.length})`, missing.length === 0, missing);
}

async function cliScenarios({ n8n: install, simulator, tmp, encryptionKey, packed, checks }) {
  const userFolder = join(tmp, 'cli');
  const files = join(tmp, 'files');
  await mkdir(files, { recursive: true });
  await installCommunityPackage(userFolder, packed);
  const env = await n8nEnv(
    userFolder,
    { N8N_ENCRYPTION_KEY: encryptionKey, N8N_RESTRICT_FILE_ACCESS_TO: files },
    install.env,
  );
  const n8n = (args) => runN8n(install.command, args, env, COMMAND_TIMEOUT_MS);

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
  const vinsWithOneBad = [{ vin: 'TESTDIGDIR0000016' }, { vin: 'not a VIN!' }, { vin: 'TESTDUPVIN0000001' }];
  const vinLookup = { resource: 'kjoretoy', operation: 'understellsnummer', understellsnummer: '={{ $json.vin }}' };
  const example = JSON.parse(await readFile(join(packageDir, 'examples', 'csv-bulk-lookup.json'), 'utf8'));
  const nodeType = PACKAGE_NODE_TYPE;
  const workflows = [
    codeThenNode({
      id: 'kjrE2eBulk0000001',
      name: 'e2e: 250 plates',
      items: plates.map((kjennemerke) => ({ kjennemerke })),
      nodeName: 'Kjøretøy',
      nodeType,
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
      nodeType,
      parameters: vinLookup,
      credential: stale,
    }),
    codeThenNode({
      id: 'kjrE2eContinue001',
      name: 'e2e: continue on fail',
      items: vinsWithOneBad,
      nodeName: 'VIN',
      nodeType,
      parameters: vinLookup,
      credential: fresh,
      // The node setting "On Error: Continue" is what makes `this.continueOnFail()` true.
      nodeSettings: { onError: 'continueRegularOutput' },
    }),
    codeThenNode({
      id: 'kjrE2eStopOnFail1',
      name: 'e2e: stop on fail',
      items: vinsWithOneBad,
      nodeName: 'VIN',
      nodeType,
      parameters: vinLookup,
      credential: fresh,
    }),
    toolExecution({
      id: 'kjrE2eAsAiTool001',
      name: 'e2e: the node as an AI tool',
      toolName: 'Kjoretoy_lookup',
      parameters: {
        resource: 'kjoretoy',
        operation: 'kjennemerke',
        kjennemerke: "={{ $fromAI('kjennemerke', 'Registration plate of the vehicle', 'string') }}",
      },
      credential: fresh,
      args: { kjennemerke: 'cu 10942' },
    }),
    adaptExample(example, {
      id: 'kjrE2eCsvExample1',
      credential: fresh,
      nodeType,
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

  checks.log('- 250 plates in one execution');
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

  checks.log('- a stored token that Fiks no longer accepts');
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

  checks.log('- continueOnFail: a bad VIN between two good ones');
  simulator.reset();
  const continued = await n8n(['execute', '--id=kjrE2eContinue001']);
  checks.equal('with "On Error: Continue", n8n execute exits 0', continued.code, 0);
  const continuedItems = continued.code === 0 ? outputOf(continued.stdout, 'VIN') : [];
  checks.equal(
    'one item per input, paired, the bad one as an invalid item',
    continuedItems.map((item) => [item.pairedItem?.item, item.json.status]),
    [
      [0, 'found'],
      [1, 'invalid'],
      [2, 'found'],
    ],
  );
  checks.check(
    'the failed item says what went wrong',
    typeof continuedItems[1]?.json.error === 'string' && continuedItems[1].json.error.length > 0,
    JSON.stringify(continuedItems[1]?.json ?? {}).slice(0, 200),
  );
  const stopped = await n8n(['execute', '--id=kjrE2eStopOnFail1']);
  checks.check('without it, the same workflow fails', stopped.code !== 0, `exit code ${stopped.code}`);

  checks.log('- the node as an AI tool (usableAsTool), run by n8n\u2019s Tool Executor');
  simulator.reset();
  const tool = await n8n(['execute', '--id=kjrE2eAsAiTool001']);
  checks.check('n8n execute exits 0', tool.code === 0, `exit code ${tool.code}: ${tool.stderr.slice(-300)}`);
  const toolOutput = tool.code === 0 ? JSON.stringify(outputOf(tool.stdout, 'Kjoretoy_lookup', 'ai_tool')) : '';
  checks.check(
    'the tool answered the $fromAI plate with the vehicle',
    /\\?"status\\?":\\?"found\\?"/.test(toolOutput) && toolOutput.includes('CU 10942'),
    toolOutput.slice(0, 300),
  );
  checks.equal('through one bulk request', routes(simulator, ROUTES.bulk), { 200: 1 });

  checks.log('- example: CSV bulk lookup');
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

async function serverScenarios({ n8n: install, simulator, tmp, encryptionKey, packed, checks }) {
  const userFolder = join(tmp, 'server');
  await installCommunityPackage(userFolder, packed);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = await n8nEnv(
    userFolder,
    {
      N8N_ENCRYPTION_KEY: encryptionKey,
      N8N_PORT: String(port),
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_SECURE_COOKIE: 'false',
    },
    install.env,
  );
  const server = startN8nServer(install.command, env);
  try {
    await server.ready(SERVER_READY_MS);
    const headers = { 'content-type': 'application/json', 'browser-id': 'kjoretoyregister-e2e' };
    const call = async (method, path, body) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      const text = await response.text();
      const cookie = response.headers.get('set-cookie');
      if (cookie) headers.cookie = cookie.split(';')[0];
      return { status: response.status, text };
    };
    const rest = async (method, path, body) => {
      const { status, text } = await call(method, path, body);
      if (status < 200 || status >= 300) throw new Error(`${method} ${path} answered ${status}: ${text.slice(0, 300)}`);
      return JSON.parse(text).data;
    };
    // n8n 2.41 publishes an activated workflow through an outbox (`workflows.useWorkflowPublicationService`,
    // on by default): activate returns before the webhook is registered, and the editor polls
    // GET /rest/workflows/:id/publication-status until it says `published` (packages/cli/src/workflows/
    // workflows.controller.ts, publication/workflow-publication-status.service.ts). n8n 2.8 activates
    // synchronously and has no such route (404).
    const waitUntilPublished = async (workflowId) => {
      const deadline = Date.now() + HTTP_TIMEOUT_MS;
      for (;;) {
        const { status, text } = await call('GET', `/rest/workflows/${workflowId}/publication-status`);
        if (status === 404) return 'activated synchronously';
        if (status !== 200) throw new Error(`publication-status answered ${status}: ${text.slice(0, 300)}`);
        const publication = JSON.parse(text).data;
        if (publication.status === 'published') return 'published';
        if (publication.status === 'failed' || publication.status === 'partial') {
          throw new Error(`publishing failed: ${JSON.stringify(publication.triggers).slice(0, 300)}`);
        }
        if (Date.now() > deadline) throw new Error(`still ${publication.status} after ${HTTP_TIMEOUT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await rest('POST', '/rest/owner/setup', {
      email: 'e2e@kjoretoyregister.invalid',
      firstName: 'E2E',
      lastName: 'Harness',
      password: `E2e-${randomBytes(9).toString('hex')}`,
    });
    const data = credentialData(simulator, { keyMaterial: 'pkcs12' });
    const created = await rest('POST', '/rest/credentials', { name: 'Simulator', type: CREDENTIAL_TYPE, data });
    // As n8n's credential form does it: save, then test what was saved. An edited form is its own
    // credential here, because n8n 2.8 writes the tested data back to the credential when
    // preAuthentication fetches a token (2.41 writes only the token), and the example below must
    // still run on the good one.
    const testWith = async (overrides) => {
      const edited = { ...data, ...overrides };
      const credential =
        Object.keys(overrides).length === 0
          ? created
          : await rest('POST', '/rest/credentials', {
              name: 'Simulator (edited)',
              type: CREDENTIAL_TYPE,
              data: edited,
            });
      return rest('POST', '/rest/credentials/test', {
        credentials: { id: credential.id, name: credential.name, type: CREDENTIAL_TYPE, data: edited },
      });
    };

    checks.log('- credential test (n8n REST API)');
    simulator.reset();
    const ok = await testWith({});
    checks.equal('credential test passes', ok.status, 'OK');
    checks.check(
      'and made one harmless call',
      routes(simulator, ROUTES.probe)['204'] === 1 && simulator.stats().itemsLookedUp === 0,
    );
    const badPassword = await testWith({ integrasjonPassword: 'not-the-password' });
    // The declarative test's status rules need the HTTP answer on n8n's error; n8n 2.8's NodeApiError
    // drops it, so there n8n shows its own text for a 401.
    const showsRules = install.version !== N8N_TARGETS.oldest.n8n;
    checks.check(
      showsRules
        ? 'wrong IntegrasjonPassord: the 401 rule names the three integration checks'
        : "wrong IntegrasjonPassord: n8n 2.8's own 401 text",
      badPassword.status === 'Error' &&
        (showsRules ? /IntegrasjonPassord is wrong/ : /Authorization failed/).test(badPassword.message),
      badPassword.message,
    );
    const unknownClient = await testWith({ clientId: 'unknown-client' });
    checks.check(
      'unknown Maskinporten client: the MP-100 hint',
      unknownClient.status === 'Error' && /MP-100.*Samarbeidsportalen/.test(unknownClient.message),
      unknownClient.message,
    );

    checks.log('- example: abandoned-vehicle report behind its webhook');
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
    checks.log(`  (workflow ${await waitUntilPublished(saved.id)})`);
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
  } catch (error) {
    checks.log(`n8n server log (last 1500 characters):\n${server.log.slice(-1500)}`);
    throw error;
  } finally {
    await server.stop();
  }
}

/** Every scenario on one n8n version, with its own simulator and user folders. */
async function runVersion({ n8n, packed, tmp, startSimulator }) {
  const checks = createChecks(`n8n ${n8n.version} / Node ${n8n.nodeVersion}`);
  const started = Date.now();
  // Tokens outlive the run: with Maskinporten's 120 s a busy machine lets the first execution's token expire
  // before the CSV example, and the node renews a token past its expiry before sending, so "the stored
  // token was reused" would depend on the machine's speed.
  const simulator = await startSimulator({ port: 0, maxBulkSize: MAX_BULK_SIZE, tokenLifetimeSeconds: 3600 });
  const context = { n8n, simulator, packed, checks, tmp, encryptionKey: randomBytes(24).toString('hex') };
  try {
    checks.log('CLI (n8n execute)');
    await cliScenarios(context).catch((error) => checks.fail('CLI scenarios', error));
    checks.log('server (n8n start)');
    await serverScenarios(context).catch((error) => checks.fail('server scenarios', error));
  } finally {
    await simulator.stop();
  }
  return { n8n, checks, seconds: Math.round((Date.now() - started) / 1000) };
}

async function main() {
  await requireBuilt(
    join(packageDir, 'dist', 'nodes', 'FiksKjoretoyregister', 'FiksKjoretoyregister.node.js'),
    'n8n-nodes-kjoretoyregister',
  );
  await requireBuilt(join(repo, 'packages', 'simulator', 'dist', 'index.js'), '@kjoretoyregister/simulator');
  await requireBuilt(join(repo, 'packages', 'core', 'dist', 'index.js'), '@kjoretoyregister/core');
  const harness = createChecks('package');
  const installs = [];
  // One install at a time: each is a large npm tree with native builds.
  for (const name of targetNames) installs.push(await ensureN8n({ target: name }));
  const { startSimulator } = await import(pathToFileURL(join(repo, 'packages', 'simulator', 'dist', 'index.js')).href);
  const tmp = await mkdtemp(join(tmpdir(), 'kjoretoyregister-n8n-e2e-'));
  try {
    const packed = await packPackage(packageDir, join(tmp, 'pack'));
    harness.log(`packed ${packed.name}@${packed.version}: ${packed.files.length} files, ${packed.size} bytes`);
    await checkTarball(harness, packed);
    const run = (n8n) => runVersion({ n8n, packed, tmp: join(tmp, `n8n-${n8n.version}`), startSimulator });
    const results = [];
    if (options.sequential) for (const n8n of installs) results.push(await run(n8n));
    else results.push(...(await Promise.all(installs.map(run))));
    return { harness, results };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const outcome = await main().catch((error) => {
  const harness = createChecks('harness');
  harness.fail('n8n e2e harness', error);
  return { harness, results: [] };
});
let passed = outcome.harness.summary().passed;
let failed = outcome.harness.summary().failed;
for (const { n8n, checks, seconds } of outcome.results) {
  const counts = checks.summary();
  passed += counts.passed;
  failed += counts.failed;
  const installed = n8n.installSeconds === null ? 'cached' : `installed in ${n8n.installSeconds} s`;
  console.log(
    `n8n e2e: n8n ${n8n.version} on Node ${n8n.nodeVersion} (${installed}): ${counts.passed} passed, ${counts.failed} failed, ${seconds} s`,
  );
}
console.log(`n8n e2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
