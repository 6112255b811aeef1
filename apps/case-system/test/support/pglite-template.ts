/**
 * Jest `globalSetup`/`globalTeardown`: one empty PGlite cluster per test run.
 *
 * PGlite's initdb costs seconds of CPU, and nearly every spec boots several fresh databases, so
 * `createTestDatabase` copies this cluster instead of running initdb each time. Each copy is still
 * a new, never-migrated database (the app runs every migration on it); only initdb is shared. The
 * data-directory spec makes its own clusters from nothing, so a real first start (file modes under
 * the umask, the lock) is still tested. initdb runs in a child Node process, outside Jest's module
 * system, which PGlite's ESM build would need transforming for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PGLITE_TEMPLATE_ENV = 'CASE_SYSTEM_TEST_PGLITE_TEMPLATE';

const INITDB = `
import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create(process.argv[1]);
await db.close();
`;

export default function createPgliteTemplate(): void {
  if (process.env['CASE_SYSTEM_DB'] === 'postgres') return;
  const root = mkdtempSync(join(tmpdir(), 'case-system-pglite-template-'));
  const cluster = join(root, 'cluster');
  execFileSync(process.execPath, ['--input-type=module', '-e', INITDB, cluster], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
    timeout: 120_000,
  });
  // Jest starts its workers after globalSetup, so they inherit this.
  process.env[PGLITE_TEMPLATE_ENV] = cluster;
}
