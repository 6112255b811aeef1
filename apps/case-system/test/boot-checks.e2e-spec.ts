import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FAST_ENV } from './support/case-system.js';
import { runMainUntilExit, spawnCaseSystem } from './support/child-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { newWebhookSecret } from './support/webhooks.js';

/** A directory name that must never appear in what the app prints. */
const SECRET_DIR = 'hemmelig-nokkelmappe';
const WRONG_PASSWORD = 'feil-passord-7Qx';

describe('boot refuses configuration it cannot run with', () => {
  let simulator: RunningSimulator;
  let database: TestDatabase;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), `${SECRET_DIR}-`));
    env = {
      ...simulator.env,
      ...FAST_ENV,
      ...database.env,
      WORKER_ENABLED: 'false',
      WEBHOOK_INBOUND_SOURCES: `feltapp=${newWebhookSecret()}`,
    };
  });
  afterAll(async () => {
    await simulator?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function refused(extra: Record<string, string>): Promise<string> {
    const result = await runMainUntilExit({ ...env, ...extra });
    expect(result.code).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).not.toContain('Case system listening');
    for (const secret of [SECRET_DIR, WRONG_PASSWORD, simulator.env['MASKINPORTEN_P12_PASSWORD'] as string]) {
      expect(output).not.toContain(secret);
    }
    return result.stderr;
  }

  it('exits 1 naming MASKINPORTEN_P12 when the .p12 file is missing, without its path', async () => {
    const stderr = await refused({ MASKINPORTEN_P12: join(dir, 'virksomhet.p12') });
    expect(stderr).toMatch(/^Invalid configuration:\n {2}- MASKINPORTEN_P12: the file could not be read/m);
  });

  it('exits 1 naming MASKINPORTEN_P12 when the file is not a PKCS#12', async () => {
    const file = join(dir, 'skadet.p12');
    writeFileSync(file, 'not a PKCS#12 file', { mode: 0o600 });
    const stderr = await refused({ MASKINPORTEN_P12: file });
    expect(stderr).toMatch(/- MASKINPORTEN_P12: is unreadable: not a PKCS#12/);
  });

  it('exits 1 naming MASKINPORTEN_P12_PASSWORD when the password is wrong, without the password', async () => {
    const stderr = await refused({ MASKINPORTEN_P12_PASSWORD: WRONG_PASSWORD });
    expect(stderr).toMatch(/- MASKINPORTEN_P12_PASSWORD: wrong password/);
  });

  it('exits 1 with core’s message when a TEST endpoint is configured for KJORETOY_ENV=prod', async () => {
    const stderr = await refused({
      KJORETOY_ENV: 'prod',
      MASKINPORTEN_ISSUER: 'https://test.maskinporten.no/',
      MASKINPORTEN_TOKEN_URL: 'https://test.maskinporten.no/token',
    });
    expect(stderr).toMatch(
      /- MASKINPORTEN_ISSUER: is a TEST endpoint but KJORETOY_ENV is 'prod': TEST and PROD can never be mixed/,
    );
    expect(stderr).toMatch(/- MASKINPORTEN_TOKEN_URL: is a TEST endpoint/);
  });

  it('starts with the simulator’s key material (the checks above do not refuse everything)', async () => {
    const app = await spawnCaseSystem({ ...env, LOG_LEVEL: 'info' });
    expect(await app.stop()).toBe(0);
  });
});
