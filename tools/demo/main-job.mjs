#!/usr/bin/env node
// The main job until the sample case system lands: start the simulator on loopback with demo
// credentials, then run the real `kjoretoy` CLI against it the way a user would.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@kjoretoyregister/simulator';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = resolve(root, 'packages/cli/dist/main.js');

const simulator = await startSimulator({ port: 0, vehicles: 10_000 });
const env = { ...process.env, ...simulator.env, FORCE_COLOR: '0' };
let failed = false;

// Asynchronous on purpose: the simulator lives in this process and must keep serving.
const run = promisify(execFile);

async function step(title, args) {
  process.stdout.write(`\n$ kjoretoy ${args.map(quote).join(' ')}\n# ${title}\n`);
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
    process.stdout.write(stdout + stderr);
  } catch (error) {
    process.stdout.write(`${error.stdout ?? ''}${error.stderr ?? error.message}`);
    failed = true;
  }
}

function quote(arg) {
  return /[\s"'$]/.test(arg) ? `'${arg}'` : arg;
}

try {
  process.stdout.write(`Simulator (Maskinporten + Fiks + SVV) running at ${simulator.url}\n`);
  await step('Check the whole chain: key material, token, Fiks integration', ['doctor']);
  await step('Look up three plates (lower case, with a space, and one that does not exist)', [
    'oppslag',
    'kjennemerke',
    'cu10942',
    'EC 80261',
    'XX99999',
    '--format',
    'table',
  ]);
  await step('Owner at a point in time: the owner for a notice, as of 1 June 2023', [
    'oppslag',
    'kjennemerke',
    'CU10942',
    '--dtg',
    '2023-06-01T12:00:00+02:00',
    '--fields',
    'eier',
    '--format',
    'json',
    '--actor',
    'demo',
    '--purpose',
    'DEMO',
    '--legal-basis',
    'demo',
  ]);
  await step('Search by owner name (follows every page)', [
    'sok',
    'eiernavn',
    'navn=HELGE KROKEN',
    '--all',
    '--format',
    'table',
  ]);
  await step('The access token, decoded (never printed raw)', ['token', '--decode']);
  const stats = simulator.stats();
  process.stdout.write(
    `\nSimulator counters: ${JSON.stringify({ tokenRequests: stats.tokenRequests, itemsLookedUp: stats.itemsLookedUp })}\n`,
  );
} finally {
  await simulator.stop();
}
process.exitCode = failed ? 1 : 0;
