// n8n runs as an async child process: the simulator serves from this very process, so nothing
// here may block the event loop (no spawnSync). Every wait is bounded, and only the process
// groups started here are ever signalled.
import { spawn } from 'node:child_process';
import { freePort } from '../../e2e-system/free-port.mjs';
import { withoutNpmConfig } from '../../e2e-system/child-env.mjs';

/** Variables of the outer shell (or of `npm run`) that would point n8n elsewhere are not passed on. */
function baseEnv(base) {
  return Object.fromEntries(
    Object.entries(base).filter(([name]) => !name.startsWith('N8N_') && !name.startsWith('DB_')),
  );
}

/**
 * `base` is the environment of the n8n install (`ensureN8n().env`): for an n8n on another Node it puts
 * that Node first on PATH, because n8n starts its JavaScript task runner as `spawn('node', …)`
 * (packages/cli/src/task-runners/task-runner-process-js.ts), which must not land on the machine's Node.
 */
export async function n8nEnv(userFolder, extra = {}, base = withoutNpmConfig()) {
  return {
    ...baseEnv(base),
    N8N_USER_FOLDER: userFolder,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_LOG_LEVEL: 'info',
    // The task runner broker has a fixed default port; parallel runs must not collide.
    N8N_RUNNERS_BROKER_PORT: String(await freePort()),
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...extra,
  };
}

/** `command` is the n8n binary's path, or `[node, n8n's bin script]` to pin the Node it runs on. */
function spawnN8n(command, args, env) {
  const [file, ...prefix] = Array.isArray(command) ? command : [command];
  return spawn(file, [...prefix, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const hard = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  hard.unref();
}

/** Runs `n8n <args>` to completion within `timeoutMs`; resolves with exit code and output. */
export function runN8n(command, args, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawnN8n(command, args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stopGroup(child);
      reject(new Error(`n8n ${args[0]} did not finish within ${timeoutMs / 1000} s\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `n8n start` in the background; `stop()` ends its process group. */
export function startN8nServer(command, env) {
  const child = spawnN8n(command, ['start'], env);
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const closed = new Promise((resolve) => child.on('close', resolve));
  return {
    get log() {
      return log;
    },
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!log.includes('Editor is now accessible')) {
        if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}\n${log.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`n8n start was not ready within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      stopGroup(child);
      const timeout = new Promise((resolve) => setTimeout(resolve, 15_000).unref());
      await Promise.race([closed, timeout]);
    },
  };
}

/** `n8n execute` prints "Execution was successful:", a line of '=' and the execution as JSON. */
export function executionOf(stdout) {
  const marker = stdout.indexOf('\n====');
  const start = stdout.indexOf('{', marker);
  const end = stdout.lastIndexOf('}');
  if (marker < 0 || start < 0 || end < start) throw new Error('n8n execute printed no execution JSON');
  return JSON.parse(stdout.slice(start, end + 1));
}

/** The output items of `nodeName` (its first run, first output of `connection`) in a successful execution. */
export function outputOf(stdout, nodeName, connection = 'main') {
  const execution = executionOf(stdout);
  const runs = execution?.data?.resultData?.runData?.[nodeName];
  if (!runs) throw new Error(`the execution has no run of node "${nodeName}"`);
  const error = execution.data.resultData.error;
  if (error) throw new Error(`the execution failed: ${error.message}`);
  return runs[0].data[connection][0];
}
