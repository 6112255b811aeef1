import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const packageRoot = resolve(__dirname, '../..');
const workspaceRoot = resolve(packageRoot, '../..');
const cliPath = join(packageRoot, 'dist', 'cli.js');

// The bin runs from dist/, so build it first (incremental: fast when up to date).
beforeAll(async () => {
  const tsc = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-b', join(packageRoot, 'tsconfig.lib.json')]).catch(
    (err: { stdout?: string }) => {
      throw new Error(`building the simulator failed:\n${err.stdout ?? String(err)}`);
    },
  );
}, 180_000);

function parseExports(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of stdout.matchAll(/^export ([A-Z0-9_]+)='((?:[^']|'\\'')*)'$/gm)) {
    env[match[1] as string] = (match[2] as string).replace(/'\\''/g, "'");
  }
  return env;
}

describe('kjoretoyregister-simulator (built bin, subprocess)', () => {
  it('prints the env, serves requests, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, '--port', '0', '--print-env'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/^export MASKINPORTEN_P12_PASSWORD=/m.test(stdout)) done();
        });
        child.once('exit', () => fail(new Error(`cli exited early: ${stderr}`)));
      });
      expect(stdout.split('\n')[0]).toMatch(/^# kjoretoyregister-simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      const env = parseExports(stdout);
      expect(Object.keys(env).sort()).toEqual(
        [
          'FIKS_API_URL',
          'FIKS_INTEGRASJON_ID',
          'FIKS_INTEGRASJON_PASSORD',
          'FIKS_ORG_ID',
          'KJORETOY_ENV',
          'MASKINPORTEN_CLIENT_ID',
          'MASKINPORTEN_ISSUER',
          'MASKINPORTEN_P12',
          'MASKINPORTEN_P12_PASSWORD',
          'MASKINPORTEN_SCOPE',
          'MASKINPORTEN_TOKEN_URL',
        ].sort(),
      );
      expect(existsSync(env['MASKINPORTEN_P12'] as string)).toBe(true);
      const metadata = (await (
        await fetch(`${env['FIKS_API_URL']}/.well-known/oauth-authorization-server`)
      ).json()) as { issuer: string };
      expect(metadata.issuer).toBe(env['MASKINPORTEN_ISSUER']);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(dirname(env['MASKINPORTEN_P12'] as string))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
  }, 60_000);

  it('exits with code 2 and a message on a usage error', async () => {
    const result = await promisify(execFile)(process.execPath, [cliPath, '--port', 'x']).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('--port needs an integer') });
  });
});
