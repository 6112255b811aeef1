import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../src/persistence/data-dir-lock.js';
import { FAST_ENV } from './support/case-system.js';
import { createUserWithCli, runCreateUser, spawnCaseSystem, type ChildCaseSystem } from './support/child-app.js';
import { ON_POSTGRES } from './support/test-database.js';
import { newWebhookSecret, observasjon, postSigned } from './support/webhooks.js';

/** Every path under `dir` (itself included) whose mode lets group or others in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path);
    if ((stat.mode & 0o077) !== 0) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

// PGlite only: a PostgreSQL server has its own postmaster.pid and file modes.
(ON_POSTGRES ? describe.skip : describe)('the PGlite data directory', () => {
  let simulator: RunningSimulator;
  let root: string;
  const running: ChildCaseSystem[] = [];
  const previousUmask = process.umask();

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    root = mkdtempSync(join(tmpdir(), 'case-system-datadir-'));
  });
  afterAll(async () => {
    process.umask(previousUmask);
    for (const child of running) await child.stop();
    await simulator?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const envFor = (dataDir: string) => ({
    ...simulator.env,
    ...FAST_ENV,
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    WEBHOOK_INBOUND_SOURCES: `feltapp=${newWebhookSecret()}`,
  });

  it('is locked while an app runs: a second app and create-user are refused, naming the holder', async () => {
    const env = envFor(join(root, 'locked'));
    const first = await spawnCaseSystem(env);
    running.push(first);

    const second = spawnCaseSystem({ ...env, PORT: '0' }, 15_000);
    await expect(second).rejects.toThrow(/exited with 1 before listening/);
    const message = await second.catch((error: Error) => error.message);
    expect(message).toContain(`DATA_DIR ${env.DATA_DIR} is in use by process ${first.pid}`);
    expect(message).toMatch(/started \d{4}-\d\d-\d\dT/);

    const cli = await runCreateUser(env, ['--name', 'ola', '--role', 'admin']);
    expect(cli.code).toBe(3);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toContain(`process ${first.pid}`);
    expect(cli.stderr).toContain('POST /api/brukere');

    expect(await first.stop()).toBe(0);
    // Released on a clean stop: the command works again.
    expect((await runCreateUser(env, ['--name', 'ola', '--role', 'admin'])).code).toBe(0);
  });

  it('is taken over at once after the holder was killed with SIGKILL, keeping its cases', async () => {
    const env = envFor(join(root, 'crashed'));
    const apiKey = await createUserWithCli(env, 'drift', 'saksbehandler');
    const first = await spawnCaseSystem(env);
    running.push(first);
    const secret = env.WEBHOOK_INBOUND_SOURCES.split('=').slice(1).join('=');
    const response = await postSigned(first.url, secret, observasjon({ kjennemerke: 'ST10001' }));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await first.crash();
    expect(JSON.parse(readFileSync(join(env.DATA_DIR, LOCK_FILE), 'utf8'))).toMatchObject({ pid: first.pid });

    // The first start succeeds: a refused lock would exit 1 at once, and there is no stale window to wait out.
    const second = await spawnCaseSystem(env);
    running.push(second);
    expect(JSON.parse(readFileSync(join(env.DATA_DIR, LOCK_FILE), 'utf8'))).toMatchObject({ pid: second.pid });
    const sak = await fetch(`${second.url}/api/saker/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(sak.status).toBe(200);
    expect(await second.stop()).toBe(0);
  });

  it('is created 0700 with every file 0600 under umask 022, also after cases were written', async () => {
    process.umask(0o022);
    const dataDir = join(root, 'private', 'db');
    const env = envFor(dataDir);
    const app = await spawnCaseSystem(env);
    running.push(app);
    const secret = env.WEBHOOK_INBOUND_SOURCES.split('=').slice(1).join('=');
    for (const kjennemerke of ['ST10001', 'ST10002', 'CU10001'])
      expect((await postSigned(app.url, secret, observasjon({ kjennemerke }))).status).toBe(202);
    // While running (files PGlite made after boot) and after the stop (its final checkpoint).
    expect(openToOthers(dataDir)).toEqual([]);
    expect(await app.stop()).toBe(0);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    process.umask(previousUmask);
  });

  it('fixes the modes of a directory an older version left open', async () => {
    process.umask(0o022);
    const dataDir = join(root, 'old', 'db');
    const env = envFor(dataDir);
    const app = await spawnCaseSystem(env);
    expect(await app.stop()).toBe(0);
    const { chmodSync } = await import('node:fs');
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) {
      const path = join(dataDir, name);
      chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o666);
    }
    const again = await spawnCaseSystem(env);
    running.push(again);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(await again.stop()).toBe(0);
    process.umask(previousUmask);
  });
});

(ON_POSTGRES ? describe.skip : describe)('the data directory lock file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'case-system-lock-'));
    mkdirSync(dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first is alive, and frees the file on release', () => {
    const lock = lockDataDir(dir);
    // The parent of this process is alive and is not this process: it stands for another holder.
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, startedAt: '2026-01-01T00:00:00.000Z', hostname: hostname() }),
    );
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.ppid} on ${hostname()} (started 2026-01-01`);
    // Not ours any more: release leaves the other holder's file alone.
    lock.release();
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('takes over a file whose holder is dead, is this process, or was cut short by a crash', () => {
    for (const content of [
      JSON.stringify({ pid: 2 ** 22 + 17, startedAt: '2026-01-01T00:00:00.000Z', hostname: hostname() }),
      JSON.stringify({ pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z', hostname: hostname() }),
      '{"pid": 12',
      '',
    ]) {
      writeFileSync(join(dir, LOCK_FILE), content);
      const lock = lockDataDir(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
      expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
      lock.release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('treats a live pid with another start time as reused, so stale', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, startedAt: 'x', hostname: hostname(), procStart: '1' }),
    );
    lockDataDir(dir).release();
  });
});
