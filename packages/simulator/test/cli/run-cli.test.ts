import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError, runCli } from '../../src/cli/run-cli.js';
import { formatEnvExports } from '../../src/env.js';

describe('runCli (in process)', () => {
  it('starts the simulator, prints a sourceable banner and the env, and writes the env file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-test-'));
    const out: string[] = [];
    const sim = await runCli(['--print-env', '--write-env', join(dir, 'env.sh'), '--latency', '5'], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    try {
      expect(sim).toBeDefined();
      const text = out.join('');
      const lines = text.trim().split('\n');
      expect(lines.every((line) => line.startsWith('# ') || line.startsWith('export '))).toBe(true);
      expect(text).toContain(formatEnvExports(sim?.env ?? {}));
      expect(readFileSync(join(dir, 'env.sh'), 'utf8')).toBe(`${formatEnvExports(sim?.env ?? {})}\n`);
      expect(sim?.faults()).toEqual({ latency: { fixedMs: 5 } });
    } finally {
      await sim?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the file for the deprecated --env-file too, and warns on stderr only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-test-'));
    const out: string[] = [];
    const err: string[] = [];
    const sim = await runCli(['--env-file', join(dir, 'env.sh')], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    try {
      expect(readFileSync(join(dir, 'env.sh'), 'utf8')).toBe(`${formatEnvExports(sim?.env ?? {})}\n`);
      expect(err.join('')).toMatch(/^kjoretoyregister-simulator: --env-file is deprecated .*--write-env.*\n$/);
      expect(out.join('')).not.toContain('deprecated');
    } finally {
      await sim?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the banner without exports unless --print-env is given', async () => {
    const out: string[] = [];
    const sim = await runCli([], { out: (t) => out.push(t), err: (t) => out.push(t) });
    await sim?.stop();
    expect(out.join('')).toContain('# kjoretoyregister-simulator listening on http://127.0.0.1:');
    expect(out.join('')).not.toContain('export ');
  });

  it('prints usage for --help and starts nothing', async () => {
    const out: string[] = [];
    expect(await runCli(['--help'], { out: (t) => out.push(t), err: () => undefined })).toBeUndefined();
    expect(out.join('')).toContain('Usage: kjoretoyregister-simulator');
  });

  it('rejects bad arguments with a usage error', async () => {
    await expect(runCli(['--seed', 'x'], { out: () => undefined, err: () => undefined })).rejects.toThrow(
      CliUsageError,
    );
  });
});
