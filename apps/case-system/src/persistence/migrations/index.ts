import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './001-initial.js';
import { auditLogMigration } from './002-audit-log.js';
import { webhookDigestUserEventsMigration } from './003-webhook-digest-user-events.js';
import { auditWriteAheadMigration } from './004-audit-write-ahead.js';
import { oidcUsersMigration } from './005-oidc-users.js';
import { bulkLookupsMigration } from './006-bulk-lookups.js';
import { caseWorkMigration } from './007-case-work.js';

/** Ordered by name. Add new files as `NNN-what.ts`; never edit one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initialMigration,
  '002-audit-log': auditLogMigration,
  '003-webhook-digest-user-events': webhookDigestUserEventsMigration,
  '004-audit-write-ahead': auditWriteAheadMigration,
  '005-oidc-users': oidcUsersMigration,
  '006-bulk-lookups': bulkLookupsMigration,
  '007-case-work': caseWorkMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
