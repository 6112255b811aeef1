import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Bulk lookups ("Masseoppslag"): one `bulk_lookups` row per uploaded list, with who asked, why
 * and under which legal basis (every register request for it is audited with these), and one
 * `bulk_lookup_items` row per line. Items are the durable queue the bulk worker claims from
 * (`FOR UPDATE SKIP LOCKED` with a lease, as `lookup_jobs`), so a restart loses nothing. An item
 * keeps the two projections only (`tekniskSammendrag`, `eierForVarsel`), never the raw vehicle.
 * The counts shown on the page are aggregated from the items, so they can never disagree with them.
 */
const STATEMENTS = [
  `CREATE TABLE bulk_lookups (
    id uuid PRIMARY KEY,
    created_by uuid NOT NULL REFERENCES api_users (id),
    actor text NOT NULL,
    purpose text NOT NULL,
    legal_basis text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('kjennemerke', 'understellsnummer', 'kuid')),
    include_fodselsnummer boolean NOT NULL,
    status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'CANCELLED')),
    total integer NOT NULL CHECK (total > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz
  )`,
  `CREATE INDEX bulk_lookups_created_by ON bulk_lookups (created_by, created_at)`,
  `CREATE INDEX bulk_lookups_created_at ON bulk_lookups (created_at)`,
  `CREATE TABLE bulk_lookup_items (
    bulk_id uuid NOT NULL REFERENCES bulk_lookups (id),
    line integer NOT NULL,
    value text NOT NULL,
    dtg text,
    status text NOT NULL CHECK (status IN ('PENDING', 'DONE', 'CANCELLED')),
    result text CHECK (result IN ('found', 'not_found', 'shielded', 'unavailable', 'several', 'failed')),
    kjoretoy jsonb,
    eier jsonb,
    feilarsak text,
    attempts integer NOT NULL DEFAULT 0,
    run_after timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    locked_by text,
    finished_at timestamptz,
    PRIMARY KEY (bulk_id, line)
  )`,
  // The claim's scan: only pending items, oldest due first.
  `CREATE INDEX bulk_lookup_items_due ON bulk_lookup_items (run_after, bulk_id, line) WHERE status = 'PENDING'`,
];

export const bulkLookupsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
