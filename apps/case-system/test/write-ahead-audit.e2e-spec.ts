import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { BULK_KJENNEMERKE_ROUTE } from './support/simulator-stats.js';
import { waitFor } from './support/wait.js';
import { observasjon, postSigned } from './support/webhooks.js';

const MAX_ATTEMPTS = 2;

describe('write-ahead audit of register requests', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let apiKey: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, { env: { WORKER_MAX_ATTEMPTS: String(MAX_ATTEMPTS) } });
    apiKey = await system.createUser('saksbehandler');
  });
  afterAll(async () => {
    await sql`drop trigger if exists test_refuse_intents on audit_log`.execute(system.db);
    await system?.stop();
    await simulator?.stop();
  });

  const bulkRequests = () =>
    Object.values(simulator.stats().routes[BULK_KJENNEMERKE_ROUTE] ?? {}).reduce((sum, n) => sum + n, 0);

  it('sends nothing while the intent cannot be written, keeps the job pending without using attempts, then runs it', async () => {
    // The audit table refuses intents, as a full disk or a lost connection would.
    await sql`create or replace function test_refuse_intent() returns trigger language plpgsql as $$
      begin raise exception 'audit storage unavailable'; end $$`.execute(system.db);
    await sql`create trigger test_refuse_intents before insert on audit_log
      for each row when (new.phase = 'intent') execute function test_refuse_intent()`.execute(system.db);

    const response = await postSigned(
      system.url,
      system.secret,
      observasjon({ kjennemerke: 'CU10942', observertTidspunkt: '2023-06-01T12:00:00+02:00' }),
    );
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };

    // More refusals than the worker has attempts: not one of them may end the case as FEILET.
    await waitFor(
      'repeated refusals of the intent',
      async () => {
        const { rows } = await sql<{ claims: number }>`select count(*)::int as claims from lookup_jobs
          where sak_id = ${id} and last_error like 'KJR_AUDIT_WRITE:%'`.execute(system.db);
        return rows[0]?.claims === 1 && (await system.waitForSak(id, apiKey, () => true)).oppslag?.status === 'PENDING';
      },
      { timeoutMs: 20_000 },
    );
    // The worker's backoff is 20–200 ms here: wait long enough for several more claims.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const waiting = await system.waitForSak(id, apiKey, () => true);
    expect(waiting).toMatchObject({
      status: 'MOTTATT',
      oppslag: { status: 'PENDING', sisteFeil: expect.stringMatching(/^KJR_AUDIT_WRITE: /) },
    });
    expect(waiting.oppslag?.forsok).toBeLessThanOrEqual(1);
    expect(bulkRequests()).toBe(0);
    expect(simulator.stats().itemsLookedUp).toBe(0);
    expect(await system.get<AuditLogEntry[]>(`/api/saker/${id}/logg`, apiKey)).toEqual([]);

    await sql`drop trigger test_refuse_intents on audit_log`.execute(system.db);
    const done = await system.waitForSak(id, apiKey);
    expect(done).toMatchObject({ status: 'EIER_FUNNET', oppslag: { status: 'DONE', forsok: 1 } });
    expect(bulkRequests()).toBe(1);
    const logg = await system.get<AuditLogEntry[]>(`/api/saker/${id}/logg`, apiKey);
    expect(logg.map((row) => [row.operation, row.utfall, row.requestIds.length])).toEqual([
      ['bulk/kjennemerke', 'found', 1],
    ]);
  });
});
