import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Plumbing names in English (docs/glossary.md): `oppslag_logg` becomes `audit_log`, and the
 * Norwegian columns of the plumbing tables get the names the code uses (`audit_log.tidspunkt` →
 * `occurred_at`, `utfall` → `result`; `api_users.navn` → `name`, `rolle` → `role`). Renames
 * only, so existing rows stay and the table is never without its append-only triggers: the
 * triggers follow the table, and the renamed function is replaced in place (triggers point at it
 * by identity, not by name) just to say the new table name in its error. Indexes and CHECK
 * constraints follow a renamed column by themselves; only their names are renamed here.
 */
const STATEMENTS = [
  `ALTER TABLE oppslag_logg RENAME TO audit_log`,
  `ALTER INDEX oppslag_logg_pkey RENAME TO audit_log_pkey`,
  `ALTER INDEX oppslag_logg_case_ref RENAME TO audit_log_case_ref`,
  `ALTER INDEX oppslag_logg_identifiers RENAME TO audit_log_identifiers`,
  `ALTER TRIGGER oppslag_logg_no_update_delete ON audit_log RENAME TO audit_log_no_update_delete`,
  `ALTER TRIGGER oppslag_logg_no_truncate ON audit_log RENAME TO audit_log_no_truncate`,
  `ALTER FUNCTION oppslag_logg_append_only() RENAME TO audit_log_append_only`,
  `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
   END
   $$`,

  `ALTER TABLE audit_log RENAME COLUMN tidspunkt TO occurred_at`,
  `ALTER TABLE audit_log RENAME COLUMN utfall TO result`,
  `ALTER TABLE api_users RENAME COLUMN navn TO name`,
  `ALTER TABLE api_users RENAME COLUMN rolle TO role`,
  // Renaming the UNIQUE constraint renames its index too.
  `ALTER TABLE api_users RENAME CONSTRAINT api_users_navn_key TO api_users_name_key`,
  `ALTER TABLE api_users RENAME CONSTRAINT api_users_rolle_check TO api_users_role_check`,
  // PostgreSQL 18 (and PGlite 0.5, which is 18) names NOT NULL constraints `<table>_<column>_not_null`
  // after the names at creation; older servers have no such rows, so this loop does nothing there.
  `DO $$
   DECLARE
     constraint_row record;
   BEGIN
     FOR constraint_row IN
       SELECT c.conname, t.relname AS table_name, a.attname AS column_name
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'n'
         AND c.conrelid IN ('audit_log'::regclass, 'api_users'::regclass)
         AND c.conname <> t.relname || '_' || a.attname || '_not_null'
     LOOP
       EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', constraint_row.table_name,
         constraint_row.conname, constraint_row.table_name || '_' || constraint_row.column_name || '_not_null');
     END LOOP;
   END
   $$`,
];

export const auditLogMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
