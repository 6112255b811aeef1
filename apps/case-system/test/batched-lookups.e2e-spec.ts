import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { Sak } from '../src/saker/domain/sak.js';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { BULK_KJENNEMERKE_ROUTE } from './support/simulator-stats.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { waitFor } from './support/wait.js';
import { observasjon, postSigned, type ObservasjonInput } from './support/webhooks.js';

const BULK_VIN_ROUTE =
  'GET /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/{understellsnummer}';
const FINAL = new Set(['EIER_FUNNET', 'SKJERMET', 'IKKE_FUNNET', 'FEILET']);

/**
 * The worker claims up to WORKER_BATCH_SIZE due jobs and looks their plates up in one bulk request,
 * each item with its own case's dtg; every case still gets its own outcome, retry and audit trail.
 * Counts only: cases are queued while no worker runs, so the first claim meets all of them.
 */
describe('batched lookups', () => {
  let simulator: RunningSimulator;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
  });
  beforeEach(() => simulator.reset());
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(async () => {
    await simulator?.stop();
  });

  const requestsTo = (route: string, status?: number) => {
    const byStatus = simulator.stats().routes[route] ?? {};
    if (status !== undefined) return byStatus[String(status)] ?? 0;
    return Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  };

  /** Queues one case per observation while no worker runs; returns the case ids in order. */
  async function queue(database: TestDatabase, inputs: ObservasjonInput[]): Promise<string[]> {
    const intake = await startTestCaseSystem(simulator, { database, env: { WORKER_ENABLED: 'false' } });
    try {
      // A few at a time, as senders do: the intake commits webhooks that arrive together as one group.
      const ids: string[] = new Array<string>(inputs.length);
      let next = 0;
      const sender = async () => {
        for (let n = next++; n < inputs.length; n = next++) {
          const response = await postSigned(intake.url, intake.secret, observasjon(inputs[n] as ObservasjonInput));
          expect(response.status).toBe(202);
          ids[n] = ((await response.json()) as { id: string }).id;
        }
      };
      await Promise.all(Array.from({ length: 8 }, sender));
      return ids;
    } finally {
      await intake.stop();
    }
  }

  async function newDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    return database;
  }

  async function startWorker(database: TestDatabase, env: Record<string, string> = {}) {
    const system = await startTestCaseSystem(simulator, { database, env });
    cleanup.push(() => system.stop());
    return { system, apiKey: await system.createUser('admin') };
  }

  /**
   * Waits for every case to reach a final status with one count per poll (polling each case over
   * HTTP would compete with the worker for PGlite's single connection), then reads each case once.
   */
  async function drained(system: TestCaseSystem, apiKey: string, ids: string[]): Promise<Map<string, Sak>> {
    await waitFor(
      `${ids.length} cases to reach a final status`,
      async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from saker
          where id in (${sql.join(ids)}) and status in (${sql.join([...FINAL])})`.execute(system.db);
        return rows[0]?.n === ids.length;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const saker = new Map<string, Sak>();
    for (const id of ids) saker.set(id, await system.get<Sak>(`/api/saker/${id}`, apiKey));
    return saker;
  }

  it('looks 250 queued cases up in ceil(250/100) = 3 register requests, one outcome and one audit row each', async () => {
    const database = await newDatabase();
    // Unknown plates (IKKE_FUNNET) with two known ones; the dtg differs per case.
    const plates = Array.from({ length: 250 }, (_, n) =>
      n === 7 ? 'CU10942' : n === 180 ? 'EC80261' : `XY${10000 + n}`,
    );
    const ids = await queue(
      database,
      plates.map((kjennemerke, n) => ({
        kjennemerke,
        observertTidspunkt: `2023-06-${String(1 + (n % 28)).padStart(2, '0')}T12:00:00+02:00`,
      })),
    );
    const { system, apiKey } = await startWorker(database);
    const saker = await drained(system, apiKey, ids);

    expect(requestsTo(BULK_KJENNEMERKE_ROUTE)).toBe(3);
    expect(requestsTo(BULK_KJENNEMERKE_ROUTE, 200)).toBe(3);
    expect(simulator.stats().itemsLookedUp).toBe(250);
    expect(saker.get(ids[7] ?? '')?.status).toBe('EIER_FUNNET');
    expect(saker.get(ids[180] ?? '')?.status).toBe('EIER_FUNNET');
    expect([...saker.values()].filter((sak) => sak.status === 'IKKE_FUNNET')).toHaveLength(248);
    expect([...saker.values()].map((sak) => sak.oppslag)).toEqual(ids.map(() => ({ status: 'DONE', forsok: 1 })));

    // One intent row per case, with only that case's plate and dtg, sharing its request's id.
    const rows = (
      await sql<{ case_ref: string; identifiers: string[]; dtg: string[]; request_ids: string[]; result: string }>`
        select l.case_ref, l.identifiers, l.dtg, l.request_ids, c.result
        from audit_log l join audit_completions c using (audit_id)`.execute(system.db)
    ).rows;
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((row) => row.case_ref))).toEqual(new Set(ids));
    expect(new Set(rows.map((row) => row.request_ids[0])).size).toBe(3);
    for (const row of rows) {
      const n = ids.indexOf(row.case_ref);
      expect(row.identifiers).toEqual([plates[n]]);
      expect(row.dtg).toEqual([`2023-06-${String(1 + (n % 28)).padStart(2, '0')}T12:00:00.000+02:00`]);
      expect(row.result).toBe(n === 7 || n === 180 ? 'found' : 'not_found');
    }

    // The case log and innsyn show a case its own row, not its neighbours' in the same request.
    const [own] = await system.get<AuditLogEntry[]>(`/api/saker/${ids[7]}/logg`, apiKey);
    expect(own).toMatchObject({
      caseRef: ids[7],
      identifiers: ['CU10942'],
      utfall: 'found',
      requestIds: [expect.any(String)],
    });
    expect(await system.get<AuditLogEntry[]>(`/api/saker/${ids[7]}/logg`, apiKey)).toHaveLength(1);
    const innsyn = await system.get<AuditLogEntry[]>('/api/innsyn?kjennemerke=CU10942', apiKey);
    expect(innsyn.map((entry) => [entry.caseRef, entry.identifiers])).toEqual([[ids[7], ['CU10942']]]);
    const neighbours = rows.filter((row) => row.request_ids[0] === own?.requestIds[0]);
    expect(neighbours.length).toBeGreaterThan(1);
  });

  it('sends one request per case with WORKER_BATCH_SIZE=1, as before batching', async () => {
    const database = await newDatabase();
    const ids = await queue(
      database,
      Array.from({ length: 5 }, (_, n) => ({ kjennemerke: `XY${20000 + n}` })),
    );
    const { system, apiKey } = await startWorker(database, { WORKER_BATCH_SIZE: '1' });
    await drained(system, apiKey, ids);
    expect(requestsTo(BULK_KJENNEMERKE_ROUTE)).toBe(5);
  });

  it('settles a mixed batch per case: found, not found, rejected plate, shielded owner, VIN fallback', async () => {
    const database = await newDatabase();
    const at = '2023-06-01T12:00:00+02:00';
    const [found, notFound, rejected, shielded, fallback, vinOnly] = await queue(database, [
      { kjennemerke: 'CU10942', observertTidspunkt: at },
      { kjennemerke: 'XX99999', observertTidspunkt: at },
      { kjennemerke: 'XX99998', observertTidspunkt: at },
      { kjennemerke: 'ST10002', observertTidspunkt: '2024-03-01T10:00:00+01:00' },
      { kjennemerke: 'XX99997', understellsnummer: 'TESTDIGDIR0000015', observertTidspunkt: at },
      { understellsnummer: 'TESTSISDINKY00004', observertTidspunkt: at },
    ]);
    // A plate the intake would refuse, as an older version may have stored: core refuses the item
    // alone, without sending it, and its neighbours go out as usual.
    await (async () => {
      const intakeDb = await startTestCaseSystem(simulator, { database, env: { WORKER_ENABLED: 'false' } });
      try {
        await sql`update saker set kjennemerke = 'IKKE-ET-SKILT!' where id = ${rejected}`.execute(intakeDb.db);
      } finally {
        await intakeDb.stop();
      }
    })();
    const ids = [found, notFound, rejected, shielded, fallback, vinOnly].map((id) => id ?? '');
    const { system, apiKey } = await startWorker(database);
    const saker = await drained(system, apiKey, ids);

    expect(ids.map((id) => saker.get(id)?.status)).toEqual([
      'EIER_FUNNET',
      'IKKE_FUNNET',
      'FEILET',
      'SKJERMET',
      'EIER_FUNNET',
      'EIER_FUNNET',
    ]);
    expect(saker.get(ids[2] ?? '')?.feilarsak).toBe('Kjennemerket ble avvist som ugyldig');
    expect(saker.get(ids[4] ?? '')?.eier?.eier?.navn).toBe('JARLE BERGER');
    expect(saker.get(ids[5] ?? '')?.eier?.eier?.navn).toBe('LEDENDE FIRKANT');
    // Four plates in one bulk request (the rejected one never left); one GET per VIN.
    expect(requestsTo(BULK_KJENNEMERKE_ROUTE)).toBe(1);
    expect(requestsTo(BULK_VIN_ROUTE)).toBe(2);

    const logg = async (id: string) =>
      (await system.get<AuditLogEntry[]>(`/api/saker/${id}/logg`, apiKey)).map((row) => [
        row.operation,
        row.identifiers,
        row.utfall,
      ]);
    expect(await logg(ids[0] ?? '')).toEqual([['bulk/kjennemerke', ['CU10942'], 'found']]);
    expect(await logg(ids[1] ?? '')).toEqual([['bulk/kjennemerke', ['XX99999'], 'not_found']]);
    expect(await logg(ids[2] ?? '')).toEqual([]);
    expect(await logg(ids[3] ?? '')).toEqual([['bulk/kjennemerke', ['ST10002'], 'found']]);
    expect(await logg(ids[4] ?? '')).toEqual([
      ['bulk/kjennemerke', ['XX99997'], 'not_found'],
      ['bulk/understellsnummer', ['TESTDIGDIR0000015'], 'found'],
    ]);
    expect(await logg(ids[5] ?? '')).toEqual([['bulk/understellsnummer', ['TESTSISDINKY00004'], 'found']]);
    const bulkRequestIds = new Set(
      (
        await sql<{ request_ids: string[] }>`select request_ids from audit_log
          where operation = 'bulk/kjennemerke'`.execute(system.db)
      ).rows.map((row) => row.request_ids[0]),
    );
    expect(bulkRequestIds.size).toBe(1);
  });

  it('retries only the cases of the request that failed, and audits both tries per case', async () => {
    const database = await newDatabase();
    const ids = await queue(
      database,
      Array.from({ length: 6 }, (_, n) => ({ kjennemerke: `XY${30000 + n}` })),
    );
    // The first request of three (two cases each) gets a 503; the worker retries its two cases.
    // Each case's backoff has its own jitter, so the two fall due a few milliseconds apart: the
    // linger lets the claim that finds the first wait for the second, as it would for new cases.
    simulator.setFaults({ serverError: { status: 503, times: 1 } });
    const { system, apiKey } = await startWorker(database, { WORKER_BATCH_SIZE: '2', WORKER_BATCH_LINGER_MS: '200' });
    const saker = await drained(system, apiKey, ids);

    // ceil(6 / 2) requests and one retry: the two cases of the failed one, together again.
    expect(requestsTo(BULK_KJENNEMERKE_ROUTE, 503)).toBe(1);
    expect(requestsTo(BULK_KJENNEMERKE_ROUTE, 200)).toBe(3);
    expect(ids.map((id) => saker.get(id)?.status)).toEqual(ids.map(() => 'IKKE_FUNNET'));
    const retried = ids.filter((id) => saker.get(id)?.oppslag?.forsok === 2);
    expect(retried).toHaveLength(2);
    expect(ids.filter((id) => saker.get(id)?.oppslag?.forsok === 1)).toHaveLength(4);

    for (const id of retried) {
      const rows = await system.get<AuditLogEntry[]>(`/api/saker/${id}/logg`, apiKey);
      expect(rows.map((row) => row.utfall)).toEqual(['error', 'not_found']);
      expect(rows[0]?.errorCode).toBe('KJR_UPSTREAM');
    }
    // The failed request's two cases share its request id, and no other case has it.
    const [first, second] = await Promise.all(
      retried.map(async (id) => (await system.get<AuditLogEntry[]>(`/api/saker/${id}/logg`, apiKey))[0]?.requestIds[0]),
    );
    expect(first).toBe(second);
  });

  it('lets a batch fill during the linger: cases arriving one by one go out in one request', async () => {
    const database = await newDatabase();
    // A long linger makes the count independent of how fast this machine posts the webhooks.
    const system = await startTestCaseSystem(simulator, { database, env: { WORKER_BATCH_LINGER_MS: '1000' } });
    cleanup.push(() => system.stop());
    const apiKey = await system.createUser('saksbehandler');
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const response = await postSigned(system.url, system.secret, observasjon({ kjennemerke: `XY${40000 + n}` }));
      ids.push(((await response.json()) as { id: string }).id);
    }
    await drained(system, apiKey, ids);
    expect(requestsTo(BULK_KJENNEMERKE_ROUTE)).toBe(1);
  });
});
