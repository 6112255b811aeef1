import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { build } from 'esbuild';

// Issue 15 item 3: a process killed while the register's answer is still arriving must leave the
// intent of that call in the audit store. The child's sink appends JSON lines (as the CLI's
// --audit-file); the simulator delays the body; the parent SIGKILLs the child once the register is
// serving the answer, and then reads the file.

const VIN = 'TESTDIGDIR0000016';

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function lines(file: string): Promise<{ phase: string; auditId?: string; identifiers?: string[] }[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { phase: string });
}

describe('a process killed mid-call', () => {
  let simulator: RunningSimulator;
  let dir: string;
  let child: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kjr-kill-'));
    child = join(dir, 'child.mjs');
    await build({
      entryPoints: [resolve(__dirname, 'support/audited-lookup-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // jose and zod bundled in; a CommonJS-only require shim for anything that needs it.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    simulator = await startSimulator({ port: 0, vehicles: 100 });
  }, 60_000);
  afterAll(async () => {
    await simulator?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the intent in the audit file and no completion', async () => {
    const auditFile = join(dir, 'audit.jsonl');
    simulator.setFaults({ slowBody: { chunkDelayMs: 2_000, chunks: 4 } });
    const proc = spawn(process.execPath, [child, auditFile, VIN], {
      env: { PATH: process.env['PATH'] ?? '', SIMULATOR_ENV: JSON.stringify(simulator.env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((done) =>
      proc.on('exit', (code, signal) => done(signal ?? code)),
    );
    try {
      await until(async () => (await lines(auditFile)).some((l) => l.phase === 'intent'), `the intent (${stderr})`);
      // The register has started to answer: the lookup happened, its body is on its way.
      await until(() => (simulator.stats().faults.slowBody ?? 0) >= 1, 'the register to answer');
      proc.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      proc.kill('SIGKILL');
    }

    const records = await lines(auditFile);
    expect(records.map((r) => r.phase)).toEqual(['intent']);
    expect(records[0]).toMatchObject({ operation: 'bulk/understellsnummer', identifiers: [VIN], actor: 'kill-test' });
    expect(simulator.stats().itemsLookedUp).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
