// Starts the simulator in a child process and drives it through its loopback admin API
// (GET /__admin/stats, PUT /__admin/faults), which is the simulator's public control surface.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./simulator-child.mjs', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

/** `options` go to `startSimulator` (JSON only: vehicles, seed, latencyMs, faults, tokenLifetimeSeconds…). */
export async function startSimulatorProcess(options = {}) {
  // execArgv [] keeps `--cpu-prof` and friends on the client process only; BENCH_SIMULATOR_CPU_PROF=<dir>
  // profiles the simulator instead (the server side of item 1's floor).
  const profileDir = process.env.BENCH_SIMULATOR_CPU_PROF;
  const child = fork(CHILD, [JSON.stringify(options)], {
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map();
  let nextId = 0;
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`simulator did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.on('message', (message) => {
      if (message?.type !== 'reply') return;
      const waiter = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message);
    });
    child.on('exit', () => {
      for (const waiter of waiting.values()) waiter.reject(new Error('simulator process exited'));
      waiting.clear();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator process exited with ${code} before it was ready`));
    });
  });
  const admin = async (method, path, body) => {
    const response = await fetch(`${ready.url}/__admin/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  return {
    ...ready,
    stats: () => admin('GET', 'stats'),
    setFaults: (faults) => admin('PUT', 'faults', faults),
    /** `count` distinct plates of vehicles in the register, found by the simulator process itself. */
    async collectPlates(count) {
      const id = ++nextId;
      const reply = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
      child.send({ type: 'collectPlates', id, count });
      return (await reply).plates;
    },
    /** CPU time (ms, user + system) the simulator process has used so far. */
    async cpuMs() {
      const id = ++nextId;
      const reply = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
      child.send({ type: 'cpuUsage', id });
      return (await reply).cpuMs;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Route key as the simulator counts it, e.g. `POST …/bulk/kjennemerke`. */
export const BULK_KJENNEMERKE_ROUTE =
  'POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke';

/** Fiks requests and token requests between two stats snapshots. */
export function statsDelta(before, after, route = BULK_KJENNEMERKE_ROUTE) {
  const sum = (stats) => Object.values(stats.routes[route] ?? {}).reduce((a, b) => a + b, 0);
  const tokens = (stats) => stats.tokenRequests.ok + stats.tokenRequests.failed;
  return {
    httpRequests: sum(after) - sum(before),
    tokenRequests: tokens(after) - tokens(before),
    requests: after.requests - before.requests,
  };
}
