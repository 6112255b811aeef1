import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built binary, run exactly as `kjoretoy` runs it. */
export const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The child's whole environment besides PATH: nothing leaks in from the test process. */
  env?: Record<string, string | undefined>;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
  cwd: string;
}

export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  return runProgram(process.execPath, [MAIN, ...args], options);
}

export function runProgram(program: string, args: readonly string[], options: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '' };
    for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
    const child = spawn(program, [...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A scratch working directory, so no stray `.env` is picked up. */
export function scratchDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kjoretoy-cli-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
