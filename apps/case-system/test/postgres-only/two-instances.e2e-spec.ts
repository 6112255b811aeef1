import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseSchema } from '../../src/persistence/schema.js';
import { FAST_ENV } from '../support/case-system.js';
import { spawnCaseSystem, type ChildCaseSystem } from '../support/child-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait.js';
import { newWebhookSecret, observasjon, postSigned } from '../support/webhooks.js';

const WEBHOOKS = 500;
const IN_FLIGHT = 16;
// Story vehicles with a registered owner on 2025-06-01 (STORY_VEHICLES.md).
const PLATES = ['CU10942', 'EC80261', 'CU10001', 'CU11306', 'CU11293', 'CU10149', 'ST10001', 'ST10007'];

describe('two app instances on one PostgreSQL', () => {
  let simulator: RunningSimulator;
  let database: TestDatabase;
  let db: Kysely<DatabaseSchema>;
  const instances: ChildCaseSystem[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    database = await createTestDatabase();
    db = new Kysely<DatabaseSchema>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: database.url, max: 2 }) }),
    });
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await db?.destroy();
    await simulator?.stop();
    await database?.drop();
  });

  it(`processes ${WEBHOOKS} webhooks with every case looked up exactly once`, async () => {
    const secret = newWebhookSecret();
    const env = {
      ...simulator.env,
      ...FAST_ENV,
      ...database.env,
      LOG_LEVEL: 'info', // the harness reads the "listening" line
      WEBHOOK_INBOUND_SOURCES: `feltapp=${secret}`,
      WORKER_CONCURRENCY: '4',
      WORKER_LEASE_MS: '10000',
    };
    // Both start (and migrate) at once: the migrator's lock keeps that safe.
    instances.push(...(await Promise.all([spawnCaseSystem(env), spawnCaseSystem(env)])));

    let next = 0;
    const accepted: string[] = [];
    const sender = async () => {
      while (next < WEBHOOKS) {
        const n = next++;
        const target = instances[n % instances.length];
        const body = observasjon({
          kjennemerke: PLATES[n % PLATES.length],
          observertTidspunkt: '2025-06-01T12:00:00+02:00',
        });
        const response = await postSigned(target.url, secret, body);
        if (response.status !== 202) throw new Error(`webhook ${n} answered ${response.status}`);
        accepted.push(((await response.json()) as { id: string }).id);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    expect(new Set(accepted).size).toBe(WEBHOOKS);

    await waitFor(
      'every case to be looked up',
      async () => {
        const { rows } = await sql<{
          open: number;
        }>`select count(*)::int as open from saker where status = 'MOTTATT'`.execute(db);
        return rows[0].open === 0;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );

    const statuses = await sql<{
      status: string;
      n: number;
    }>`select status, count(*)::int as n from saker group by status`.execute(db);
    expect(statuses.rows).toEqual([{ status: 'EIER_FUNNET', n: WEBHOOKS }]);

    // No job was claimed twice, and both instances did work.
    const jobs = await db.selectFrom('lookup_jobs').select(['sak_id', 'status', 'attempts', 'locked_by']).execute();
    expect(jobs).toHaveLength(WEBHOOKS);
    expect(jobs.filter((job) => job.status !== 'DONE' || job.attempts !== 1)).toEqual([]);
    const workers = new Set(jobs.map((job) => job.locked_by));
    expect(workers.size).toBe(2);

    // The audit log: exactly one successful register call per case, and no other calls.
    const perCase = await sql<{ case_ref: string; found: number; total: number }>`
      select l.case_ref, count(*) filter (where c.result = 'found')::int as found, count(*)::int as total
      from audit_log l left join audit_completions c using (audit_id) group by l.case_ref`.execute(db);
    expect(perCase.rows).toHaveLength(WEBHOOKS);
    expect(perCase.rows.filter((row) => row.found !== 1 || row.total !== 1)).toEqual([]);
    expect(new Set(perCase.rows.map((row) => row.case_ref))).toEqual(new Set(accepted));
    // Cases batched into one bulk request share it; the same plate and dtg for two of them is
    // asked once (core de-duplicates) and is on both cases' rows under that request's id.
    const asked = await sql<{ n: number }>`
      select count(distinct (l.request_ids ->> 0, l.identifiers ->> 0, l.dtg ->> 0))::int as n
      from audit_log l`.execute(db);
    expect(simulator.stats().itemsLookedUp).toBe(asked.rows[0]?.n);
    expect(simulator.stats().itemsLookedUp).toBeLessThanOrEqual(WEBHOOKS);
  });
});
