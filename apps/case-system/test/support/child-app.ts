import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const DIST = resolve(__dirname, '../../dist/src');
const MAIN = resolve(DIST, 'main.js');
const CREATE_USER = resolve(DIST, 'cli/create-user.js');

function assertBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx nx run case-system:build)`);
}

/** Only what the app needs: no jest or CI variables leak into the child. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', ...env };
}

export interface ChildCaseSystem {
  url: string;
  pid: number;
  /** stdout and stderr lines so far, for failure messages. */
  output: string[];
  /** SIGKILL: no shutdown hooks, no lease release, exactly like a crashed container. */
  crash(): Promise<void>;
  /** SIGTERM: graceful shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs the built app (`dist/src/main.js`) as its own process and waits until it listens. */
export async function spawnCaseSystem(env: Record<string, string>, timeoutMs = 30_000): Promise<ChildCaseSystem> {
  assertBuilt(MAIN);
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app did not start within ${timeoutMs} ms:\n${output.join('\n')}`)),
      timeoutMs,
    );
    const onLine = (line: string) => {
      output.push(line);
      if (!line.startsWith('{')) return;
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Case system listening' && entry.url) {
          clearTimeout(timer);
          resolveUrl(entry.url);
        }
      } catch {
        // not a log line
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach(onLine);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });

  return {
    url,
    pid: child.pid as number,
    output,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** `create-user` against the same database settings; prints `{ apiKey }` once. */
export async function createUserWithCli(
  env: Record<string, string>,
  name: string,
  role: 'saksbehandler' | 'admin',
): Promise<string> {
  const { stdout } = await runCreateUser(env, ['--name', name, '--role', role]);
  return (JSON.parse(stdout) as { apiKey: string }).apiKey;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `create-user` with any arguments; resolves with its exit code and output whatever the code. */
export function runCreateUser(env: Record<string, string>, args: readonly string[]): Promise<CommandResult> {
  assertBuilt(CREATE_USER);
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [CREATE_USER, ...args], { env: childEnv(env) }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolvePromise({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs the built app and resolves with its exit code and output once it exits; for boots that
 * must fail. An app that starts listening instead is killed after `timeoutMs` (code null).
 */
export function runMainUntilExit(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<CommandResult | { code: null; stdout: string; stderr: string }> {
  assertBuilt(MAIN);
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [MAIN],
      { env: childEnv(env), timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error && error.killed) return resolvePromise({ code: null, stdout, stderr });
        if (error && typeof error.code !== 'number') return reject(error);
        resolvePromise({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
