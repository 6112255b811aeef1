// Where repositories live: every repository is in this folder, next to `schema.ts` and the
// migrations, and `DatabaseModule` provides them all. Features (auth, deliveries, lookups, saker)
// inject them but own no SQL, so a schema change is reviewed in one place.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config/database.config.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
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
  let lock: DataDirLock | undefined;
  let db: Db;
  if (config.kind === 'postgres') {
    db = new Kysely<DatabaseSchema>({ dialect: postgresDialect(config) });
  } else {
    const opened = await pgliteKysely(config.dataDir);
    db = opened.db;
    lock = opened.lock;
  }
  try {
    await migrate(db);
    if (lock && config.kind === 'pglite') restrictPermissions(config.dataDir);
  } catch (error) {
    await db.destroy();
    lock?.release();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    db,
    kind: config.kind,
    close: () => (closed ??= db.destroy().finally(() => lock?.release())),
  };
}

function postgresDialect(config: Extract<DatabaseConfig, { kind: 'postgres' }>): PostgresDialect {
  return new PostgresDialect({ pool: new Pool({ connectionString: config.url, max: config.poolMax }) });
}

/**
 * The directory holds owner names and the append-only audit table, so it is the owner's alone:
 * 0700 and files 0600 whatever the umask. PGlite creates its files through Node with mode 0666,
 * so the process umask is tightened to 077 while PGlite is used, and what exists already (a
 * directory from an older version, files made before the umask changed) is fixed after opening.
 * The lock is taken before PGlite touches the files, and released after it has closed them.
 */
async function pgliteKysely(dataDir: string): Promise<{ db: Db; lock?: DataDirLock }> {
  if (dataDir.startsWith('memory://')) {
    return { db: new Kysely<DatabaseSchema>({ dialect: new PGliteDialect(await PGlite.create(dataDir)) }) };
  }
  tightenUmask();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const lock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(dataDir);
    return { db: new Kysely<DatabaseSchema>({ dialect: new PGliteDialect(pglite) }), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function tightenUmask(): void {
  try {
    process.umask(process.umask() | 0o077);
  } catch {
    // Worker threads cannot change the umask; restrictPermissions still fixes what exists.
  }
}

/** Directories 0700, files 0600 under `dir`; symbolic links are left alone (PGlite makes none). */
function restrictPermissions(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restrictPermissions(path);
    else if (entry.isFile() && (lstatSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed) {
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error });
  }
}
