import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import type { Sak } from '../src/saker/domain/sak.js';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';
import { FAST_ENV } from './support/case-system.js';
import { createUserWithCli, spawnCaseSystem, type ChildCaseSystem } from './support/child-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { waitFor } from './support/wait.js';
import { newWebhookSecret, observasjon, postSigned } from './support/webhooks.js';

const LATENCY_MS = 2_500;

describe('a worker killed in the middle of a lookup', () => {
  let simulator: RunningSimulator;
  let database: TestDatabase;
  const running: ChildCaseSystem[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const child of running) await child.stop();
    await simulator?.stop();
    await database?.drop();
  });

  it('leaves the job to be picked up after its lease, and the case completes once', async () => {
    const secret = newWebhookSecret();
    const env = {
      ...simulator.env,
      ...FAST_ENV,
      ...database.env,
      LOG_LEVEL: 'info',
      WEBHOOK_INBOUND_SOURCES: `feltapp=${secret}`,
      WORKER_LEASE_MS: '1500',
    };
    const apiKey = await createUserWithCli(env, 'drift', 'saksbehandler');
    const get = async <T>(app: ChildCaseSystem, path: string) =>
      (await (await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as T;

    // The register is slow: the first instance claims the job and then waits on the simulator.
    simulator.setFaults({ latency: { fixedMs: LATENCY_MS } });
    const first = await spawnCaseSystem(env);
    running.push(first);
    const response = await postSigned(
      first.url,
      secret,
      observasjon({ kjennemerke: 'ST10001', observertTidspunkt: '2024-03-01T10:00:00+01:00' }),
    );
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
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
    const done = await waitFor('the restarted instance to finish the case', async () => {
      const sak = await get<Sak>(second, `/api/saker/${id}`);
      return sak.status !== 'MOTTATT' ? sak : undefined;
    });
    expect(done).toMatchObject({
      status: 'EIER_FUNNET',
      oppslag: { status: 'DONE', forsok: 2 },
      eier: { eier: { navn: 'SIGRID TESTRUD' } },
    });
    // The killed process never got an answer, so it audited nothing; the restart audited once.
    const logg = await get<AuditLogEntry[]>(second, `/api/saker/${id}/logg`);
    expect(logg.map((row) => [row.actor, row.utfall])).toEqual([['webhook:feltapp', 'found']]);

    expect(await second.stop()).toBe(0);
    // Not an assertion: the simulator is still sleeping on the dead instance's request; stopping
    // it earlier would cancel that sleep and print an error.
    await waitFor('the orphaned request to run out', () => Date.now() > orphanedUntil, {
      timeoutMs: LATENCY_MS + 1_000,
    });
  });
});
