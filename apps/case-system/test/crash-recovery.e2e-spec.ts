import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import type { Sak } from '../src/saker/domain/sak.js';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';
import { FAST_ENV } from './support/case-system.js';
import { createUserWithCli, spawnCaseSystem, type ChildCaseSystem } from './support/child-app.js';
import { BULK_KJENNEMERKE_ROUTE } from './support/simulator-stats.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { waitFor } from './support/wait.js';
import { newWebhookSecret, observasjon, postSigned } from './support/webhooks.js';

const LATENCY_MS = 2_500;
const CHUNK_DELAY_MS = 700;

describe('a worker killed in the middle of a lookup', () => {
  let simulator: RunningSimulator;
  let database: TestDatabase;
  let env: Record<string, string>;
  let secret: string;
  let apiKey: string;
  const running: ChildCaseSystem[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    database = await createTestDatabase();
    secret = newWebhookSecret();
    env = {
      ...simulator.env,
      ...FAST_ENV,
      ...database.env,
      LOG_LEVEL: 'info',
      WEBHOOK_INBOUND_SOURCES: `feltapp=${secret}`,
      WORKER_LEASE_MS: '1500',
    };
    apiKey = await createUserWithCli(env, 'drift', 'saksbehandler');
  });
  afterEach(() => simulator.reset());
  afterAll(async () => {
    for (const child of running) await child.stop();
    await simulator?.stop();
    await database?.drop();
  });

  const get = async <T>(app: ChildCaseSystem, path: string) =>
    (await (await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as T;
  /** Every bulk/kjennemerke request the simulator has handled, whatever it answered. */
  const served = () =>
    Object.values(simulator.stats().routes[BULK_KJENNEMERKE_ROUTE] ?? {}).reduce((sum, n) => sum + n, 0);

  async function report(app: ChildCaseSystem, kjennemerke: string): Promise<string> {
    const response = await postSigned(
      app.url,
      secret,
      observasjon({ kjennemerke, observertTidspunkt: '2024-03-01T10:00:00+01:00' }),
    );
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }

  async function finishOn(app: ChildCaseSystem, id: string): Promise<Sak> {
    return waitFor('the restarted instance to finish the case', async () => {
      const sak = await get<Sak>(app, `/api/saker/${id}`);
      return sak.status !== 'MOTTATT' ? sak : undefined;
    });
  }

  it('leaves the job to be picked up after its lease, and the case completes once', async () => {
    // The register is slow: the first instance claims the job and then waits on the simulator.
    simulator.setFaults({ latency: { fixedMs: LATENCY_MS } });
    const first = await spawnCaseSystem(env);
    running.push(first);
    const id = await report(first, 'ST10001');
    await waitFor('the job to be claimed', async () => {
      const sak = await get<Sak>(first, `/api/saker/${id}`);
      return sak.oppslag?.status === 'PENDING' && sak.oppslag.forsok === 1;
    });
    await waitFor('the lookup to reach the register', () => simulator.stats().faults.latency !== undefined);

    const orphanedUntil = Date.now() + LATENCY_MS;
    await first.crash();
    simulator.setFaults({});

    const second = await spawnCaseSystem(env);
    running.push(second);
    expect(await finishOn(second, id)).toMatchObject({
      status: 'EIER_FUNNET',
      oppslag: { status: 'DONE', forsok: 2 },
      eier: { eier: { navn: 'SIGRID TESTRUD' } },
    });
    // The killed process wrote its intent before the request left and never learnt the answer:
    // that request is on record with its outcome unknown; the restart's request is complete.
    const logg = await get<AuditLogEntry[]>(second, `/api/saker/${id}/logg`);
    expect(logg.map((row) => [row.actor, row.utfall, row.outcome])).toEqual([
      ['webhook:feltapp', 'unknown', null],
      ['webhook:feltapp', 'found', expect.objectContaining({ found: 1 })],
    ]);

    expect(await second.stop()).toBe(0);
    // Not an assertion: the simulator is still sleeping on the dead instance's request; stopping
    // it earlier would cancel that sleep and print an error.
    await waitFor('the orphaned request to run out', () => Date.now() > orphanedUntil + 500, {
      timeoutMs: LATENCY_MS + 2_000,
    });
    // It woke to a closed socket and never answered; the audit holds every request that was sent,
    // answered or not, so it can only be ahead of what the register served.
    expect(served()).toBe(1);
    expect(logg.length).toBeGreaterThanOrEqual(served());
  });

  it('kill -9 while the answer body is being read leaves an intent with outcome unknown, never nothing', async () => {
    // The answer's headers arrive, then the body trickles in; the process dies mid-read.
    simulator.setFaults({ slowBody: { chunkDelayMs: CHUNK_DELAY_MS, chunks: 4, times: 1 } });
    const first = await spawnCaseSystem(env);
    running.push(first);
    const id = await report(first, 'CU10942');
    await waitFor('the answer to be on its way', () => simulator.stats().faults.slowBody === 1);
    await first.crash();

    const second = await spawnCaseSystem(env);
    running.push(second);
    expect(await finishOn(second, id)).toMatchObject({ status: 'EIER_FUNNET', oppslag: { forsok: 2 } });
    const logg = await get<AuditLogEntry[]>(second, `/api/saker/${id}/logg`);
    expect(logg.map((row) => [row.operation, row.utfall])).toEqual([
      ['bulk/kjennemerke', 'unknown'],
      ['bulk/kjennemerke', 'found'],
    ]);
    // Each request is named by the requestId it was sent with, and the two differ.
    expect(new Set(logg.flatMap((row) => row.requestIds)).size).toBe(2);
    expect(await second.stop()).toBe(0);

    await waitFor('the slow answer to finish', () => served() === 2, { timeoutMs: 4 * CHUNK_DELAY_MS + 5_000 });
    expect(served()).toBe(logg.length);
  });
});
