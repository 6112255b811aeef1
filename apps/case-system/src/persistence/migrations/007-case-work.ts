import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Case work by people: the case's own state (notice sent, vehicle removed, closed) as columns on
 * `saker`, which the case list filters on, and every change as a row in `sak_hendelser`, written
 * in the same transaction. The event table is append-only like `audit_log`: the timeline is a
 * record of what was done, so nobody edits or deletes it afterwards.
 */
const STATEMENTS = [
  `ALTER TABLE saker ADD COLUMN varsel_sendt timestamptz`,
  `ALTER TABLE saker ADD COLUMN varsel_kanal text
   CHECK (varsel_kanal IN ('brev', 'digipost', 'sms', 'epost', 'annet'))`,
  `ALTER TABLE saker ADD COLUMN fjernet timestamptz`,
  `ALTER TABLE saker ADD COLUMN lukket timestamptz`,
  `ALTER TABLE saker ADD COLUMN lukket_grunn text
   CHECK (lukket_grunn IN ('eier_fjernet', 'kommunen_fjernet', 'feilregistrert', 'annet'))`,
  `CREATE TABLE sak_hendelser (
    id uuid PRIMARY KEY,
    sak_id uuid NOT NULL REFERENCES saker (id),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    type text NOT NULL CHECK (type IN ('varsel_sendt', 'fjernet', 'lukket', 'nytt_oppslag')),
    details jsonb NOT NULL DEFAULT '{}'::jsonb
  )`,
  `CREATE INDEX sak_hendelser_sak_id ON sak_hendelser (sak_id, occurred_at)`,
  // The list's filters: open cases newest first, and open cases whose notice deadline may have passed.
  `CREATE INDEX saker_apne_opprettet ON saker (opprettet DESC, id) WHERE lukket IS NULL`,
  `CREATE INDEX saker_frist_uten_varsel ON saker (varsel_frist) WHERE lukket IS NULL AND varsel_sendt IS NULL`,
  `CREATE INDEX saker_status_opprettet ON saker (status, opprettet DESC)`,
  `CREATE FUNCTION sak_hendelser_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'sak_hendelser is append-only: % refused', TG_OP;
   END
   $$`,
  `CREATE TRIGGER sak_hendelser_no_update_delete BEFORE UPDATE OR DELETE ON sak_hendelser
   FOR EACH ROW EXECUTE FUNCTION sak_hendelser_append_only()`,
  `CREATE TRIGGER sak_hendelser_no_truncate BEFORE TRUNCATE ON sak_hendelser
   FOR EACH STATEMENT EXECUTE FUNCTION sak_hendelser_append_only()`,
];

export const caseWorkMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
