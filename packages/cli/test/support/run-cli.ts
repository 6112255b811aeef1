import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** The built binary, run exactly as `kjoretoy` runs it. */
export const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
/** The committed bin file package.json points at; it loads dist/main.js. */
export const BIN = join(__dirname, '..', '..', 'bin', 'kjoretoy.js');
/** The shims npm links at install time (symlinks to the bin files), run through their shebang. */
export const SHIM = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'kjoretoy');
export const SIMULATOR_SHIM = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'kjoretoyregister-simulator');
/**
 * PATH for children that find programs by name: this test run's Node first (what the shims'
 * `#!/usr/bin/env node` picks), then the linked bins, as after `npm install -g`.
 */
export const CHILD_PATH = [
  dirname(process.execPath),
  join(WORKSPACE_ROOT, 'node_modules', '.bin'),
  process.env['PATH'] ?? '',
].join(delimiter);

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

export interface StartedProgram {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Once the process has exited and its output is closed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A long-running child (a simulator), for tests that talk to it while it runs. */
export function startProgram(program: string, args: readonly string[], options: RunOptions): StartedProgram {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '' };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  const child = spawn(program, [...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Ends a child a test left running (afterAll), and waits until it has gone. */
export async function killIfRunning(started: StartedProgram | undefined): Promise<void> {
  if (started === undefined) return;
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
  await started.exited;
}

/**
 * Resolves with the content of `path` once it exists; rejects if the process exits first or after
 * `timeoutMs`. Watches the directory (the simulator writes the file by rename) instead of polling.
 */
export function waitForFile(path: string, started: StartedProgram, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (error: Error | undefined, text = ''): void => {
      if (finished) return;
      finished = true;
      watcher.close();
      clearTimeout(timer);
      started.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(text);
    };
    const check = (): void => {
      if (existsSync(path)) finish(undefined, readFileSync(path, 'utf8'));
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`exited (${String(code)}) before writing ${path}: ${started.stderr()}`));
    const watcher = watch(dirname(path), check);
    const timer = setTimeout(() => finish(new Error(`${path} not written within ${timeoutMs} ms`)), timeoutMs);
    started.child.once('exit', onExit);
    check();
  });
}

/** Resolves with stdout once it matches `pattern`; rejects if the process exits first or after `timeoutMs`. */
export function waitForStdout(started: StartedProgram, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      started.child.stdout?.off('data', onData);
      started.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(started.stdout());
    };
    // Registered after startProgram's own listener, so stdout() already holds the chunk.
    const onData = (): void => {
      if (pattern.test(started.stdout())) finish();
    };
    const onExit = (code: number | null): void => finish(new Error(`exited (${String(code)}): ${started.stderr()}`));
    const timer = setTimeout(() => finish(new Error(`no ${String(pattern)} within ${timeoutMs} ms`)), timeoutMs);
    started.child.stdout?.on('data', onData);
    started.child.once('exit', onExit);
    onData();
  });
}
