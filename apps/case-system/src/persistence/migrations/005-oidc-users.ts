import { sql, type Kysely, type Migration } from 'kysely';

/**
 * OpenID Connect users: found again by the provider's (issuer, sub), never by name, which a
 * provider may change. Their API key is random and never shown, so they log in through the
 * provider only (until an admin rotates a key for them). `role_changed`: the role follows the
 * provider's claim at each login, and a change is audited like the other user administration.
 */
const STATEMENTS = [
  `ALTER TABLE api_users ADD COLUMN oidc_issuer text`,
  `ALTER TABLE api_users ADD COLUMN oidc_sub text`,
  `CREATE UNIQUE INDEX api_users_oidc_subject ON api_users (oidc_issuer, oidc_sub) WHERE oidc_issuer IS NOT NULL`,
  `ALTER TABLE user_events DROP CONSTRAINT user_events_action_check`,
  `ALTER TABLE user_events ADD CONSTRAINT user_events_action_check
   CHECK (action IN ('created', 'disabled', 'key_rotated', 'role_changed'))`,
];

export const oidcUsersMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
