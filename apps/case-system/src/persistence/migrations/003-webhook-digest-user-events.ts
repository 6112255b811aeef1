import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `inbound_webhooks.body_sha256`: the digest of the body a webhook-id first came with, so a
 * redelivery with another body is a 409 instead of a silent 200. Rows from before have none and
 * keep answering a redelivery with their case, as they did.
 *
 * `user_events`: who disabled a user or rotated a key, and when. Append-only like `audit_log`
 * (that table is one row per register call, so user administration gets its own).
 */
const STATEMENTS = [
  `ALTER TABLE inbound_webhooks ADD COLUMN body_sha256 text`,
  `CREATE TABLE user_events (
    id uuid PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL CHECK (action IN ('created', 'disabled', 'key_rotated')),
    user_id uuid NOT NULL REFERENCES api_users (id),
    user_name text NOT NULL
  )`,
  `CREATE INDEX user_events_user_id ON user_events (user_id, occurred_at)`,
  `CREATE FUNCTION user_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'user_events is append-only: % refused', TG_OP;
   END
   $$`,
  `CREATE TRIGGER user_events_no_update_delete BEFORE UPDATE OR DELETE ON user_events
   FOR EACH ROW EXECUTE FUNCTION user_events_append_only()`,
  `CREATE TRIGGER user_events_no_truncate BEFORE TRUNCATE ON user_events
   FOR EACH STATEMENT EXECUTE FUNCTION user_events_append_only()`,
];

export const webhookDigestUserEventsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
