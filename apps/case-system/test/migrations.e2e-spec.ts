import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { AuditLogRepository } from '../src/persistence/audit-log.repository.js';
import { migrate, type Database, type Db } from '../src/persistence/database.js';
import { migrationProvider } from '../src/persistence/migrations/index.js';
import { PGliteDialect } from '../src/persistence/pglite-dialect.js';
import { createTestDatabase, ON_POSTGRES, type TestDatabase } from './support/test-database.js';

const SAK_ID = '3b0f3c2e-6f4d-4a51-9d1c-7f2a5e8b9c01';
const LOG_ID = '9c2d4e6f-8a1b-4c3d-9e5f-1a2b3c4d5e6f';
const USER_ID = '5e8a1c3d-2b4f-4e6a-8c9d-0f1e2d3c4b5a';
const OCCURRED_AT = '2024-03-01T09:00:00.000Z';
const AUDIT_ID = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
/** The Norwegian names 001 gave the plumbing tables, as they may appear in a column, index or constraint. */
const OLD_NAMES = /oppslag_logg|tidspunkt|utfall|navn|rolle/;

async function connect(database: TestDatabase): Promise<Db> {
  if (ON_POSTGRES)
    return new Kysely({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: database.url }) }) });
  return new Kysely({ dialect: new PGliteDialect(await PGlite.create(database.env['DATA_DIR'])) });
}

describe('upgrading a database created by an earlier release', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await connect(database);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('002 renames oppslag_logg to audit_log and its columns to English, keeping rows, constraints and the append-only guard', async () => {
    const first = await new Migrator({ db, provider: migrationProvider }).migrateTo('001-initial');
    expect(first.error).toBeUndefined();
    await sql`insert into saker (id, status, kilde, kjennemerke, observert_tidspunkt, sted)
      values (${SAK_ID}, 'EIER_FUNNET', 'webhook:feltapp', 'CU10942', now(), '{"lat":59.9,"lon":10.7}')`.execute(db);
    await sql`insert into oppslag_logg (id, tidspunkt, actor, purpose, legal_basis, case_ref, fiks_org_id, operation,
        identifiers, dtg, outcome, utfall, data_categories, request_ids)
      values (${LOG_ID}, ${OCCURRED_AT}, 'webhook:feltapp', 'HENSATT_KJORETOY', 'vegtrafikkloven § 37', ${SAK_ID}, 'org',
        'lookupKjennemerke', '["CU10942"]', '[]', '{"found":1}', 'found', '["EIER"]', '["req-1"]')`.execute(db);
    await sql`insert into api_users (id, navn, rolle, key_id, key_hash)
      values (${USER_ID}, 'kari.saksbehandler', 'admin', 'kid1', 'hash1')`.execute(db);

    await migrate(db);

    const { rows } = await sql<{ id: string; case_ref: string; occurred_at: Date; result: string }>`
      select id, case_ref, occurred_at, result from audit_log`.execute(db);
    expect(rows).toEqual([{ id: LOG_ID, case_ref: SAK_ID, occurred_at: new Date(OCCURRED_AT), result: 'found' }]);
    const old = await sql<{ name: string | null }>`select to_regclass('oppslag_logg')::text as name`.execute(db);
    expect(old.rows).toEqual([{ name: null }]);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/audit_log is append-only/);
    // Since 004 the foreign key from audit_completions refuses it before the trigger does.
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only|referenced in a foreign key/);

    const users = await sql<{ id: string; name: string; role: string }>`select id, name, role from api_users`.execute(
      db,
    );
    expect(users.rows).toEqual([{ id: USER_ID, name: 'kari.saksbehandler', role: 'admin' }]);
    // The CHECK and UNIQUE constraints moved with their columns.
    await expect(
      sql`insert into api_users (id, name, role, key_id, key_hash)
        values (gen_random_uuid(), 'ola', 'superuser', 'kid2', 'hash2')`.execute(db),
    ).rejects.toThrow(/api_users_role_check/);
    await expect(
      sql`insert into api_users (id, name, role, key_id, key_hash)
        values (gen_random_uuid(), 'kari.saksbehandler', 'admin', 'kid3', 'hash3')`.execute(db),
    ).rejects.toThrow(/api_users_name_key/);

    // No column, index or constraint of the two tables still carries a Norwegian name.
    const names = await sql<{ name: string }>`
      select attname::text as name from pg_attribute
        where attrelid in ('audit_log'::regclass, 'api_users'::regclass) and attnum > 0 and not attisdropped
      union all select indexname::text from pg_indexes where tablename in ('audit_log', 'api_users')
      union all select conname::text from pg_constraint
        where conrelid in ('audit_log'::regclass, 'api_users'::regclass)`.execute(db);
    expect(names.rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['occurred_at', 'result', 'name', 'role', 'audit_log_case_ref', 'api_users_name_key']),
    );
    expect(names.rows.map((row) => row.name).filter((name) => OLD_NAMES.test(name))).toEqual([]);
  });

  it('004 keeps the per-call rows readable next to write-ahead intents and their completions', async () => {
    // The database from the test above is at 003's schema plus 004; a fresh one checks 003 → 004 alone.
    const fresh = await createTestDatabase();
    const freshDb = await connect(fresh);
    try {
      const upTo003 = await new Migrator({ db: freshDb, provider: migrationProvider }).migrateTo(
        '003-webhook-digest-user-events',
      );
      expect(upTo003.error).toBeUndefined();
      await sql`insert into saker (id, status, kilde, kjennemerke, observert_tidspunkt, sted)
        values (${SAK_ID}, 'EIER_FUNNET', 'webhook:feltapp', 'CU10942', now(), '{"lat":59.9,"lon":10.7}')`.execute(
        freshDb,
      );
      await sql`insert into audit_log (id, occurred_at, actor, purpose, legal_basis, case_ref, fiks_org_id, operation,
          identifiers, dtg, outcome, result, data_categories, request_ids)
        values (${LOG_ID}, ${OCCURRED_AT}, 'webhook:feltapp', 'HENSATT_KJORETOY', 'vegtrafikkloven § 37', ${SAK_ID},
          'org', 'bulk/kjennemerke', '["CU10942"]', '[]', '{"found":1,"notFound":0,"unavailable":0,"invalid":0,"error":0}',
          'found', '["technical","owner"]', '["req-1"]')`.execute(freshDb);

      await migrate(freshDb);
      const audit = new AuditLogRepository({ db: freshDb, kind: 'pglite', close: async () => undefined } as Database);
      await audit.appendIntent({
        phase: 'intent',
        auditId: AUDIT_ID,
        requestId: 'req-2',
        timestamp: '2024-03-02T09:00:00.000Z',
        actor: 'webhook:feltapp',
        purpose: 'HENSATT_KJORETOY',
        legalBasis: 'vegtrafikkloven § 37',
        caseRef: SAK_ID,
        fiksOrgId: 'org',
        operation: 'bulk/kjennemerke',
        identifiers: ['CU10942'],
        dtg: ['2024-03-01T10:00:00.000+01:00'],
      });
      const summary = (rows: Awaited<ReturnType<AuditLogRepository['forCase']>>) =>
        rows.map((row) => [row.phase, row.result, row.outcome?.found ?? null, row.request_ids]);

      // The old row reads as before; the intent without a completion reads "unknown".
      expect(summary(await audit.forCase(SAK_ID))).toEqual([
        ['call', 'found', 1, ['req-1']],
        ['intent', 'unknown', null, ['req-2']],
      ]);
      expect(summary(await audit.touching(['CU10942'], []))).toHaveLength(2);

      const completion = {
        phase: 'completed' as const,
        auditId: AUDIT_ID,
        requestId: 'req-2',
        timestamp: '2024-03-02T09:00:01.000Z',
        fiksOrgId: 'org',
        operation: 'bulk/kjennemerke' as const,
        outcome: { found: 0, notFound: 1, unavailable: 0, invalid: 0, error: 0 },
        dataCategories: [],
      };
      await audit.appendCompletion(completion);
      expect(summary(await audit.forCase(SAK_ID))).toEqual([
        ['call', 'found', 1, ['req-1']],
        ['intent', 'not_found', 0, ['req-2']],
      ]);

      // One completion per intent, none without one, and neither table can be edited.
      await expect(audit.appendCompletion(completion)).rejects.toThrow(/audit_completions_pkey|duplicate/);
      await expect(
        audit.appendCompletion({ ...completion, auditId: '00000000-0000-4000-8000-000000000000' }),
      ).rejects.toThrow(/audit_completions_audit_id_fkey|foreign key/);
      await expect(sql`update audit_completions set result = 'found'`.execute(freshDb)).rejects.toThrow(
        /audit_completions is append-only/,
      );
      await expect(sql`delete from audit_log where phase = 'intent'`.execute(freshDb)).rejects.toThrow(
        /audit_log is append-only/,
      );
      // An intent must carry its audit id; a call row its outcome.
      await expect(
        sql`insert into audit_log (id, phase, occurred_at, fiks_org_id, operation, identifiers, dtg, result, request_ids)
          values (gen_random_uuid(), 'call', now(), 'org', 'bulk/kjennemerke', '[]', '[]', 'found', '[]')`.execute(
          freshDb,
        ),
      ).rejects.toThrow(/audit_log_phase_fields/);
    } finally {
      await freshDb.destroy();
      await fresh.drop();
    }
  });
});
