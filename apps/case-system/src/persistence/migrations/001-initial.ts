import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The whole schema, in PostgreSQL SQL that PGlite runs unchanged. Plain SQL on purpose: vendors
 * port it to their own migration tool by copying statements.
 */
const STATEMENTS = [
  `CREATE TABLE saker (
    id uuid PRIMARY KEY,
    status text NOT NULL,
    kilde text NOT NULL,
    kjennemerke text,
    understellsnummer text,
    observert_tidspunkt timestamptz NOT NULL,
    sted jsonb NOT NULL,
    beskrivelse text,
    meldt_av text,
    kjoretoy jsonb,
    eier jsonb,
    feilarsak text,
    eier_funnet_tidspunkt timestamptz,
    varsel_frist timestamptz,
    opprettet timestamptz NOT NULL DEFAULT now(),
    oppdatert timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT saker_identifikator CHECK (kjennemerke IS NOT NULL OR understellsnummer IS NOT NULL)
  )`,
  `CREATE INDEX saker_opprettet ON saker (opprettet DESC)`,
  `CREATE INDEX saker_kjennemerke ON saker (kjennemerke)`,
  `CREATE INDEX saker_understellsnummer ON saker (understellsnummer)`,

  // Inbox: a redelivered webhook-id maps to the case it already created (idempotent intake).
  `CREATE TABLE inbound_webhooks (
    source text NOT NULL,
    webhook_id text NOT NULL,
    sak_id uuid NOT NULL REFERENCES saker (id),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, webhook_id)
  )`,

  `CREATE TABLE lookup_jobs (
    id uuid PRIMARY KEY,
    sak_id uuid NOT NULL REFERENCES saker (id),
    status text NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    actor text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    run_after timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    locked_by text,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  )`,
  `CREATE INDEX lookup_jobs_due ON lookup_jobs (run_after) WHERE status = 'PENDING'`,
  // At most one pending lookup per case: a second re-run request joins the first.
  `CREATE UNIQUE INDEX lookup_jobs_one_pending ON lookup_jobs (sak_id) WHERE status = 'PENDING'`,

  `CREATE TABLE oppslag_logg (
    id uuid PRIMARY KEY,
    tidspunkt timestamptz NOT NULL,
    actor text,
    purpose text,
    legal_basis text,
    case_ref text,
    fiks_org_id text NOT NULL,
    operation text NOT NULL,
    identifiers jsonb NOT NULL,
    dtg jsonb NOT NULL,
    outcome jsonb NOT NULL,
    utfall text NOT NULL,
    data_categories jsonb NOT NULL,
    request_ids jsonb NOT NULL,
    error_id text,
    svvguid text,
    error_code text,
    logged_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX oppslag_logg_case_ref ON oppslag_logg (case_ref, tidspunkt)`,
  `CREATE INDEX oppslag_logg_identifiers ON oppslag_logg USING gin (identifiers jsonb_path_ops)`,
  // Append-only in the database, not by convention: the lawful record cannot be edited by the app.
  `CREATE FUNCTION oppslag_logg_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'oppslag_logg is append-only: % refused', TG_OP;
   END
   $$`,
  `CREATE TRIGGER oppslag_logg_no_update_delete BEFORE UPDATE OR DELETE ON oppslag_logg
   FOR EACH ROW EXECUTE FUNCTION oppslag_logg_append_only()`,
  `CREATE TRIGGER oppslag_logg_no_truncate BEFORE TRUNCATE ON oppslag_logg
   FOR EACH STATEMENT EXECUTE FUNCTION oppslag_logg_append_only()`,

  // Outbox: written in the same transaction as the status change it announces.
  `CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    event_id text NOT NULL,
    event_type text NOT NULL,
    subscriber_url text NOT NULL,
    sak_id uuid NOT NULL REFERENCES saker (id),
    payload jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    locked_by text,
    last_status integer,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz,
    UNIQUE (event_id, subscriber_url)
  )`,
  `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`,

  `CREATE TABLE api_users (
    id uuid PRIMARY KEY,
    navn text NOT NULL UNIQUE,
    rolle text NOT NULL CHECK (rolle IN ('saksbehandler', 'admin')),
    key_id text NOT NULL UNIQUE,
    key_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
  )`,
  `CREATE TABLE web_sessions (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES api_users (id),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
];

export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
