// Runs the built case-system app (`apps/case-system/dist/src/main.js`) as its own process, the way
// it is deployed: configuration through the environment only, logs to a file (pino writes to
// stdout synchronously, so a pipe the bench had to drain would slow the app down).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './results.mjs';

const DIST = join(REPO_ROOT, 'apps/case-system/dist/src');
const MAIN = join(DIST, 'main.js');
const CREATE_USER = join(DIST, 'cli/create-user.js');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;
const CLI_TIMEOUT_MS = 60_000;

export function assertCaseSystemBuilt() {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build first (npx nx run case-system:build --outputStyle=static)`);
  }
}

/** Only what the app needs: nothing of the bench's own environment leaks into the child. */
function childEnv(env) {
  return { PATH: process.env.PATH ?? '', ...env };
}

/** `create-user` on the same database; with PGlite this must run while the app is stopped. */
export async function createApiKey(env, navn = 'bench', rolle = 'saksbehandler') {
  const { stdout } = await promisify(execFile)(process.execPath, [CREATE_USER, '--name', navn, '--role', rolle], {
    env: childEnv(env),
    timeout: CLI_TIMEOUT_MS,
  });
  return JSON.parse(stdout).apiKey;
}

/**
 * Starts the app on `env.PORT` and waits until it answers HTTP. `cpuProfDir` runs it under
 * `node --cpu-prof` (the profile is written when it exits cleanly on SIGTERM).
 */
export async function startCaseSystemProcess({ env, logFile, cpuProfDir }) {
  assertCaseSystemBuilt();
  const url = `http://127.0.0.1:${env.PORT}`;
  const log = openSync(logFile, 'a');
  const execArgv = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  const child = spawn(process.execPath, [...execArgv, MAIN], {
    env: childEnv({ ...env, HOST: '127.0.0.1' }),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let exitedEarly;
  void exited.then((code) => (exitedEarly ??= code));

  const deadline = Date.now() + START_TIMEOUT_MS;
  // Bounded: the deadline or the child's exit ends the wait.
  for (;;) {
    if (exitedEarly !== undefined)
      throw new Error(`case-system exited with ${exitedEarly} before listening:\n${logTail(logFile)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`case-system did not answer within ${START_TIMEOUT_MS} ms:\n${logTail(logFile)}`);
    }
    try {
      // Unauthenticated: a 401 proves the whole stack (routing, guards) is up.
      const response = await fetch(`${url}/api/saker?limit=1`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    url,
    pid: child.pid,
    /** CPU time (ms) the app process has used so far; undefined where /proc is missing. */
    cpuMs: () => processCpuMs(child.pid),
    /** SIGTERM: the app stops taking requests, lets its workers finish and closes the database. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Clock ticks per second of /proc/<pid>/stat times (getconf CLK_TCK; 100 on every Linux seen so far). */
let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number.parseInt(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }), 10) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU time (user + system, ms) a child process has used so far, from /proc: a measure of its
 * work that, unlike throughput, barely moves with what else the machine runs. Undefined off Linux.
 */
function processCpuMs(pid) {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** The end of the app's log, for an error message (the work dir may be gone by the time anyone looks). */
function logTail(logFile, lines = 20) {
  return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Cases still waiting for their lookup (`MOTTATT`), through the API: the app owns a PGlite database. */
export async function hasPendingCases(url, apiKey) {
  const response = await fetch(`${url}/api/saker?status=MOTTATT&limit=1`, {
    headers: { authorization: `Bearer ${apiKey}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`GET /api/saker answered ${response.status}`);
  return (await response.json()).length > 0;
}
