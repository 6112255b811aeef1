import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { migrate, type Db } from '../src/persistence/database.js';
import { migrationProvider } from '../src/persistence/migrations/index.js';
import { PGliteDialect } from '../src/persistence/pglite-dialect.js';
import { createTestDatabase, ON_POSTGRES, type TestDatabase } from './support/test-database.js';

const SAK_ID = '3b0f3c2e-6f4d-4a51-9d1c-7f2a5e8b9c01';
const LOG_ID = '9c2d4e6f-8a1b-4c3d-9e5f-1a2b3c4d5e6f';
const USER_ID = '5e8a1c3d-2b4f-4e6a-8c9d-0f1e2d3c4b5a';
const OCCURRED_AT = '2024-03-01T09:00:00.000Z';
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
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);

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
});
