import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCreateUser } from './support/child-app.js';

// The command opens the app's database itself; on PGlite (the default) that is a data directory.
// On PostgreSQL the suite's DATABASE_URL is used, so each run picks names of its own.
const onPostgres = process.env['CASE_SYSTEM_DB'] === 'postgres';

describe('create-user', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'create-user-'));
    env = onPostgres ? { DATABASE_URL: process.env['DATABASE_URL'] ?? '' } : { DATA_DIR: dataDir };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a user from --name and --role and prints the /api/brukere answer with its key', async () => {
    const name = unique('ola');
    const result = await runCreateUser(env, ['--name', name, '--role', 'admin']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      id: expect.any(String),
      navn: name,
      rolle: 'admin',
      apiKey: expect.any(String),
    });
  });

  it('still accepts the deprecated --navn and --rolle, with one warning each', async () => {
    const name = unique('kari');
    const result = await runCreateUser(env, ['--navn', name, '--rolle', 'saksbehandler']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ navn: name, rolle: 'saksbehandler' });
    expect(result.stderr.trim().split('\n')).toEqual([
      'create-user: --navn is deprecated and will be removed in 0.2.0; use --name',
      'create-user: --rolle is deprecated and will be removed in 0.2.0; use --role',
    ]);
  });

  it('refuses an old and a new name together, before touching the database', async () => {
    const result = await runCreateUser({ DATA_DIR: join(dataDir, 'never-created') }, ['--name', 'a', '--navn', 'b']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give --name or --navn, not both');
  });

  it('explains its usage when the name is missing or the role is unknown', async () => {
    for (const args of [[], ['--name', 'x', '--role', 'superuser']]) {
      const result = await runCreateUser(env, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('usage: create-user --name <name> [--role saksbehandler|admin]');
    }
  });
});
