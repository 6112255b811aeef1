import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PGLITE_TEMPLATE_ENV } from './pglite-template.js';

/** Which database the suite runs on: PGlite (default) or the server in DATABASE_URL. */
export const ON_POSTGRES = process.env['CASE_SYSTEM_DB'] === 'postgres';

export interface TestDatabase {
  /** `DATA_DIR` (PGlite) or `DATABASE_URL` (a fresh database on the server). */
  env: Record<string, string>;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file (or one app instance group). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!ON_POSTGRES) {
    const dir = mkdtempSync(join(tmpdir(), 'case-system-test-'));
    // A copy of the run's empty cluster (see pglite-template.ts) saves PGlite's initdb.
    const template = process.env[PGLITE_TEMPLATE_ENV];
    if (template && existsSync(template)) cpSync(template, join(dir, 'db'), { recursive: true });
    return { env: { DATA_DIR: join(dir, 'db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl)
    throw new Error('CASE_SYSTEM_DB=postgres needs DATABASE_URL (run through tools/e2e-system/with-postgres.sh)');
  const name = `cs_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
