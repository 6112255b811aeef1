import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN, runCli } from './support/run-cli.js';
import { useTestSimulator } from './support/simulator.js';

const fixture = useTestSimulator({ resetEachTest: false });
const run = (args: string[]) => runCli(args, { env: fixture.sim.env, cwd: fixture.dir });

describe('kjoretoy token', () => {
  it("prints the token's consumer, scope and expiry, never the token itself", async () => {
    const summary = await run(['token', '--format', 'json']);
    expect(summary.code).toBe(0);
    const claims = JSON.parse(summary.stdout) as Record<string, unknown>;
    expect(claims).toMatchObject({
      consumerOrg: fixture.sim.demo.orgnr,
      consumer: `0192:${fixture.sim.demo.orgnr}`,
      clientId: fixture.sim.demo.clientId,
    });
    expect(String(claims['scope'])).toContain('ks:fiks');
    expect(typeof claims['expiresAt']).toBe('string');
    expect(summary.stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('prints the raw token only with --raw, and every claim with --decode', async () => {
    const raw = await run(['token', '--raw']);
    expect(raw.code).toBe(0);
    const token = raw.stdout.trim();
    expect(token.split('.')).toHaveLength(3);

    const decoded = await run(['token', '--decode', '--format', 'json']);
    expect(decoded.code).toBe(0);
    const parts = JSON.parse(decoded.stdout) as { header: { alg: string }; claims: Record<string, unknown> };
    expect(parts.header.alg).toBe('RS256');
    expect(parts.claims['consumer']).toEqual({
      authority: 'iso6523-actorid-upis',
      ID: `0192:${fixture.sim.demo.orgnr}`,
    });
    expect(decoded.stdout).not.toContain(token.split('.')[2]);
  });

  it('explains a Maskinporten refusal in one line and exits 1', async () => {
    const result = await runCli(['token'], {
      env: { ...fixture.sim.env, MASKINPORTEN_CLIENT_ID: 'ukjent-klient' },
      cwd: fixture.dir,
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kjoretoy: .*MP-100.*MASKINPORTEN_CLIENT_ID/);
    expect(result.stderr).not.toContain(fixture.sim.env['MASKINPORTEN_P12_PASSWORD']);
  });
});

describe('kjoretoy simulator', () => {
  // Through the 0.1.0 spelling `--skriv-env` on purpose: the old name must keep working until 0.2.0.
  it('starts the simulator, writes the environment (old --skriv-env, with its warning), serves a lookup from that .env, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [MAIN, 'simulator', '--port', '0', '--skriv-env', '.env'], {
      cwd: fixture.dir,
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('MASKINPORTEN_P12_PASSWORD')) resolve();
      });
      child.on('close', () => reject(new Error(`simulator exited early: ${stderr}`)));
    });
    expect(stdout).toMatch(/^export FIKS_API_URL='http:\/\/127\.0\.0\.1:\d+'$/m);
    expect(readFileSync(join(fixture.dir, '.env'), 'utf8')).toBe(stdout);

    // No environment at all: the CLI reads ./.env by itself.
    const lookup = await runCli(['oppslag', 'kjennemerke', 'CU10942', '--format', 'json'], { cwd: fixture.dir });
    expect(lookup.code).toBe(0);
    expect(JSON.parse(lookup.stdout)[0].status).toBe('found');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Simulator stopped.');
    expect(stderr).toContain('kjoretoy: --skriv-env is deprecated and will be removed in 0.2.0; use --write-env\n');
  });
});
