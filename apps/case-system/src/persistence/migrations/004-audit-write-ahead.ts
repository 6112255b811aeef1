import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Write-ahead audit (core's `AuditSink.begin`/`complete`): one `audit_log` row per register
 * request, written and committed before the request leaves (`phase = 'intent'`, `result =
 * 'unknown'`), and one `audit_completions` row with the outcome once it is known, joined by
 * `audit_id`. A separate table because `audit_log` is append-only: the intent row is never
 * updated, and a crash between the two leaves the intent on its own ("outcome unknown").
 *
 * Rows from 001–003 are one row per call with its outcome; they get `phase = 'call'` (the column
 * default: PostgreSQL 11+ stores it in the catalogue, no row is rewritten and no trigger fires)
 * and no `audit_id`. Intents have no outcome or data categories of their own, so those two lose
 * their NOT NULL; a CHECK keeps them required on call rows.
 */
const STATEMENTS = [
  `ALTER TABLE audit_log ADD COLUMN phase text NOT NULL DEFAULT 'call' CHECK (phase IN ('call', 'intent'))`,
  `ALTER TABLE audit_log ADD COLUMN audit_id uuid`,
  `ALTER TABLE audit_log ADD CONSTRAINT audit_log_audit_id_key UNIQUE (audit_id)`,
  `ALTER TABLE audit_log ALTER COLUMN outcome DROP NOT NULL`,
  `ALTER TABLE audit_log ALTER COLUMN data_categories DROP NOT NULL`,
  `ALTER TABLE audit_log ADD CONSTRAINT audit_log_phase_fields CHECK (
     (phase = 'call' AND outcome IS NOT NULL AND data_categories IS NOT NULL)
     OR (phase = 'intent' AND audit_id IS NOT NULL))`,
  // One completion per intent (the primary key), and never one without its intent (the reference).
  `CREATE TABLE audit_completions (
    audit_id uuid PRIMARY KEY REFERENCES audit_log (audit_id),
    occurred_at timestamptz NOT NULL,
    request_id text NOT NULL,
    operation text NOT NULL,
    outcome jsonb NOT NULL,
    result text NOT NULL,
    data_categories jsonb NOT NULL,
    error_id text,
    svvguid text,
    error_code text,
    logged_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE FUNCTION audit_completions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_completions is append-only: % refused', TG_OP;
   END
   $$`,
  `CREATE TRIGGER audit_completions_no_update_delete BEFORE UPDATE OR DELETE ON audit_completions
   FOR EACH ROW EXECUTE FUNCTION audit_completions_append_only()`,
  `CREATE TRIGGER audit_completions_no_truncate BEFORE TRUNCATE ON audit_completions
   FOR EACH STATEMENT EXECUTE FUNCTION audit_completions_append_only()`,
];

export const auditWriteAheadMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
