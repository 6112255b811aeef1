// Where repositories live: every repository is in this folder, next to `schema.ts` and the
// migrations, and `DatabaseModule` provides them all. Features (auth, deliveries, lookups, saker)
// inject them but own no SQL, so a schema change is reviewed in one place.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config/database.config.js';
import { migrationProvider } from './migrations/index.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DatabaseSchema } from './schema.js';

export type Db = Kysely<DatabaseSchema>;

export interface Database {
  db: Db;
  kind: DatabaseConfig['kind'];
  close(): Promise<void>;
}

/**
 * Opens the configured database and brings its schema up to date. Several instances migrating
 * one PostgreSQL at once are safe: Kysely's migrator takes an advisory lock.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db =
    config.kind === 'postgres'
      ? new Kysely<DatabaseSchema>({ dialect: postgresDialect(config) })
      : await pgliteKysely(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return { db, kind: config.kind, close: () => (closed ??= db.destroy()) };
}

function postgresDialect(config: Extract<DatabaseConfig, { kind: 'postgres' }>): PostgresDialect {
  return new PostgresDialect({ pool: new Pool({ connectionString: config.url, max: config.poolMax }) });
}

async function pgliteKysely(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  return new Kysely<DatabaseSchema>({ dialect: new PGliteDialect(pglite) });
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed) {
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error });
  }
}
