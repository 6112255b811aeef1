import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The simulator as users start it: the committed bin file, the shim npm links into
 * node_modules/.bin (spawned directly, through its shebang), npx, and the README's CI snippet,
 * each as a child process.
 */

const packageRoot = resolve(__dirname, '../..');
const workspaceRoot = resolve(packageRoot, '../..');
const BIN = join(packageRoot, 'bin', 'kjoretoyregister-simulator.js');
const SHIM = join(workspaceRoot, 'node_modules', '.bin', 'kjoretoyregister-simulator');
/** Generous: two shared cores, and every start generates a CA and RSA keys. */
const START_TIMEOUT_MS = 90_000;

/** The shim's `#!/usr/bin/env node` finds the Node running these tests first. No npm_* config leaks in. */
const childEnv: Record<string, string> = {
  PATH: [dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter),
  HOME: process.env['HOME'] ?? tmpdir(),
  ...(process.env['TMPDIR'] !== undefined ? { TMPDIR: process.env['TMPDIR'] } : {}),
};

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Every child started here; afterAll ends whatever a failed test left running. */
const children = new Map<ChildProcess, { detached: boolean }>();
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'sim-bin-test-'));
  // The bin loads dist/, so build it (incremental: fast when up to date).
  const tsc = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-b', join(packageRoot, 'tsconfig.lib.json')]).catch(
    (err: { stdout?: string }) => {
      throw new Error(`building the simulator failed:\n${err.stdout ?? String(err)}`);
    },
  );
}, 180_000);

afterAll(async () => {
  for (const [child, { detached }] of children) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      // A detached child leads its own process group (npx → sh → node): end all of it.
      process.kill(detached ? -child.pid : child.pid, 'SIGKILL');
      await exited;
    }
  }
  rmSync(scratch, { recursive: true, force: true });
});

function start(program: string, args: readonly string[], options: { cwd?: string; detached?: boolean } = {}): Started {
  const child = spawn(program, [...args], {
    cwd: options.cwd ?? scratch,
    env: childEnv,
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(child, { detached: options.detached ?? false });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => done({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** [program, args] running `file` with the given arguments: through Node, or directly (shebang). */
function invocation(file: string, args: readonly string[]): [string, string[]] {
  return file === SHIM ? [SHIM, [...args]] : [process.execPath, [file, ...args]];
}

function run(file: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [program, argv] = invocation(file, args);
  const started = start(program, argv);
  return started.exited.then(({ code }) => ({ code, stdout: started.stdout(), stderr: started.stderr() }));
}

/**
 * Resolves once `path` exists and its content passes `accept`; rejects if the process exits first or
 * after `timeoutMs`. Watches the directory (the file arrives by rename) instead of polling.
 */
function waitForFile(
  path: string,
  started: Started,
  accept: (text: string) => boolean = () => true,
  timeoutMs = START_TIMEOUT_MS,
): Promise<string> {
  return new Promise((done, fail) => {
    const watcher = watch(dirname(path), () => check());
    const timer = setTimeout(() => finish(new Error(`${path} not written within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null): void =>
      finish(new Error(`exited (${String(code)}) before writing ${path}: ${started.stderr()}`));
    started.child.once('exit', onExit);
    let finished = false;
    function finish(error?: Error, text?: string): void {
      if (finished) return;
      finished = true;
      watcher.close();
      clearTimeout(timer);
      started.child.off('exit', onExit);
      if (error) fail(error);
      else done(text ?? '');
    }
    function check(): void {
      if (!existsSync(path)) return;
      const text = readFileSync(path, 'utf8');
      if (accept(text)) finish(undefined, text);
    }
    check();
  });
}

/** Resolves with stdout once it matches `pattern`; rejects if the process exits first or on timeout. */
function waitForStdout(started: Started, pattern: RegExp, timeoutMs = START_TIMEOUT_MS): Promise<string> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => finish(new Error(`no ${String(pattern)} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (): void => {
      if (pattern.test(started.stdout())) finish();
    };
    const onExit = (code: number | null): void => finish(new Error(`exited (${String(code)}): ${started.stderr()}`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      started.child.stdout?.off('data', onData);
      started.child.off('exit', onExit);
      if (error) fail(error);
      else done(started.stdout());
    }
    started.child.stdout?.on('data', onData);
    started.child.once('exit', onExit);
    onData();
  });
}

function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z0-9_]+)='((?:[^']|'\\'')*)'$/gm)) {
    env[match[1] as string] = (match[2] as string).replace(/'\\''/g, "'");
  }
  return env;
}

const ENV_NAMES = [
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
].sort();

/** What a client sees with this environment: the live simulator's issuer. */
async function issuerAt(env: Record<string, string>): Promise<string> {
  const response = await fetch(`${env['FIKS_API_URL']}/.well-known/oauth-authorization-server`);
  return ((await response.json()) as { issuer: string }).issuer;
}

/**
 * Sources `envFile` in a POSIX shell, as the READMEs do, and reports what a program started from
 * that shell sees: the variables the simulator points clients at.
 */
async function sourcedEnv(envFile: string): Promise<Record<string, string>> {
  const names = JSON.stringify(ENV_NAMES);
  const script = `console.log(JSON.stringify(Object.fromEntries(${names}.map((n) => [n, process.env[n]]))))`;
  const { stdout } = await promisify(execFile)('sh', ['-c', '. "$1" && exec node -e "$2"', 'sh', envFile, script], {
    env: { PATH: childEnv.PATH },
  });
  return JSON.parse(stdout) as Record<string, string>;
}

/** A project directory with the workspace's node_modules, i.e. the packages installed as a user has them. */
function projectDir(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  symlinkSync(join(workspaceRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe.each([
  ['the bin file', BIN],
  ['the node_modules/.bin shim', SHIM],
])('kjoretoyregister-simulator through %s', (_, file) => {
  it('prints usage with --write-env and the deprecated --env-file, and exits 0', async () => {
    const result = await run(file, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: kjoretoyregister-simulator/);
    expect(result.stdout).toMatch(/^ {2}--write-env <path> /m);
    expect(result.stdout).toMatch(/^Deprecated:\n {2}--env-file <path> /m);
  });

  it('exits with code 2 and a message on a usage error', async () => {
    const result = await run(file, ['--port', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port needs an integer');
  });
});

describe('kjoretoyregister-simulator --print-env', () => {
  it.each([
    ['the bin file', 'SIGTERM', BIN],
    ['the node_modules/.bin shim', 'SIGINT', SHIM],
  ] as const)(
    'through %s: prints a sourceable env of a live simulator, and stops cleanly on %s',
    async (_, signal, file) => {
      const started = start(...invocation(file, ['--port', '0', '--print-env']));
      const stdout = await waitForStdout(started, /^export MASKINPORTEN_P12_PASSWORD=/m);
      expect(stdout.split('\n')[0]).toMatch(/^# kjoretoyregister-simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect(
        stdout
          .trim()
          .split('\n')
          .every((line) => line.startsWith('# ') || line.startsWith('export ')),
      ).toBe(true);
      const env = parseExports(stdout);
      expect(Object.keys(env).sort()).toEqual(ENV_NAMES);
      expect(existsSync(env['MASKINPORTEN_P12'] as string)).toBe(true);
      expect(await issuerAt(env)).toBe(env['MASKINPORTEN_ISSUER']);

      started.child.kill(signal);
      expect(await started.exited).toEqual({ code: 0, signal: null });
      // A clean stop removes the temporary credentials.
      expect(existsSync(dirname(env['MASKINPORTEN_P12'] as string))).toBe(false);
    },
    START_TIMEOUT_MS + 30_000,
  );
});

describe('kjoretoyregister-simulator --write-env', () => {
  it(
    'writes loadable export lines once listening; a shell that sources them reaches the simulator',
    async () => {
      const envFile = join(scratch, 'write-env', 'env.sh');
      mkdirSync(dirname(envFile));
      const started = start(process.execPath, [BIN, '--write-env', envFile]);
      const text = await waitForFile(envFile, started);
      // Listening by the time the file exists: no retry needed.
      const written = parseExports(text);
      expect(await issuerAt(written)).toBe(written['MASKINPORTEN_ISSUER']);
      expect(
        text
          .trim()
          .split('\n')
          .every((line) => line.startsWith('export ')),
      ).toBe(true);

      const sourced = await sourcedEnv(envFile);
      expect(sourced).toEqual(written);
      expect(Object.keys(sourced).sort()).toEqual(ENV_NAMES);
      expect(started.stderr()).toBe('');

      started.child.kill('SIGTERM');
      expect((await started.exited).code).toBe(0);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'exits 1 with the reason, instead of listening unreachable, when the file cannot be written',
    async () => {
      const envFile = join(scratch, 'no-such-dir', 'env.sh');
      const result = await run(BIN, ['--write-env', envFile]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^kjoretoyregister-simulator: ENOENT.*no-such-dir/);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    "runs the README's CI snippet as written, with the user's tests replaced by a client check",
    async () => {
      const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
      const snippet = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
        .map((match) => match[1] as string)
        .find((block) => block.includes('--write-env .sim/env.sh'));
      expect(snippet).toBeDefined();
      expect(snippet).toMatch(/^npm test$/m);
      const check =
        'node -e \'fetch(process.env.FIKS_API_URL + "/.well-known/oauth-authorization-server")' +
        '.then((r) => r.json()).then((m) => console.log(m.issuer === process.env.MASKINPORTEN_ISSUER ? "client ok" : "wrong"))\'';
      const cwd = projectDir('ci-snippet');
      // A stale file from an earlier run must not be mistaken for this run's.
      mkdirSync(join(cwd, '.sim'));
      writeFileSync(join(cwd, '.sim', 'env.sh'), "export FIKS_API_URL='http://127.0.0.1:9'\n");
      const started = start('sh', ['-e', '-c', (snippet as string).replace(/^npm test$/m, check)], { cwd });
      const { code } = await started.exited;
      // Besides the check's line, only the simulator's banner (it shares the script's stdout).
      const lines = started.stdout().trimEnd().split('\n');
      expect({ code, output: lines.filter((line) => !line.startsWith('# ')) }).toEqual({
        code: 0,
        output: ['client ok'],
      });
      expect(lines[0]).toMatch(/^# kjoretoyregister-simulator listening on /);
    },
    START_TIMEOUT_MS + 30_000,
  );
});

describe('the deprecated --env-file alias', () => {
  it('is taken by Node itself when the file does not exist yet: "not found", exit code 9', async () => {
    // Checked on Node 20.20, 22.23, 24.22 and 26.12: Node scans its whole command line, script
    // arguments included, for --env-file. If this starts failing, Node changed; update the docs.
    const missing = join(scratch, 'does-not-exist', 'env.sh');
    for (const file of [BIN, SHIM]) {
      const result = await run(file, ['--env-file', missing]);
      expect(result.code).toBe(9);
      expect(result.stderr).toContain(`${missing}: not found`);
      expect(result.stderr).not.toContain('kjoretoyregister-simulator');
    }
  });

  it(
    'reaches the simulator when the file exists: warns on stderr and rewrites the file',
    async () => {
      const envFile = join(scratch, 'env-file-alias.sh');
      writeFileSync(envFile, 'stale\n');
      const started = start(process.execPath, [BIN, '--env-file', envFile]);
      const text = await waitForFile(envFile, started, (content) => content !== 'stale\n');
      expect(Object.keys(parseExports(text)).sort()).toEqual(ENV_NAMES);
      expect(started.stderr()).toMatch(
        /^kjoretoyregister-simulator: --env-file is deprecated and will be removed in 0\.2\.0; use --write-env/,
      );
      expect(started.stdout()).not.toContain('deprecated');
      started.child.kill('SIGTERM');
      expect((await started.exited).code).toBe(0);
    },
    START_TIMEOUT_MS + 30_000,
  );
});

describe('npx', () => {
  it('runs the workspace bin as `npx kjoretoyregister-simulator`', async () => {
    const started = start('npx', ['--no-install', 'kjoretoyregister-simulator', '--help'], { cwd: workspaceRoot });
    expect((await started.exited).code).toBe(0);
    expect(started.stdout()).toMatch(/^Usage: kjoretoyregister-simulator/);
  }, 60_000);

  it(
    'runs the installed package as `npx @kjoretoyregister/simulator --write-env`, and Ctrl-C stops it',
    async () => {
      const cwd = projectDir('npx-project');
      // Detached: its own process group, which is what a terminal's Ctrl-C signals.
      const started = start('npx', ['--no-install', '@kjoretoyregister/simulator', '--write-env', '.simulator.env'], {
        cwd,
        detached: true,
      });
      const written = parseExports(await waitForFile(join(cwd, '.simulator.env'), started));
      expect(await sourcedEnv(join(cwd, '.simulator.env'))).toEqual(written);
      expect(await issuerAt(written)).toBe(written['MASKINPORTEN_ISSUER']);

      process.kill(-(started.child.pid as number), 'SIGINT');
      await started.exited;
      // The simulator itself stopped cleanly: it removed its temporary credentials.
      expect(existsSync(dirname(written['MASKINPORTEN_P12'] as string))).toBe(false);
    },
    START_TIMEOUT_MS + 30_000,
  );
});

describe('without a build', () => {
  it('says to build the package first, and exits 1', async () => {
    // The package layout with bin/ but no dist/, as after `npm ci` in a fresh clone.
    const copy = join(scratch, 'unbuilt', 'bin', 'kjoretoyregister-simulator.js');
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(join(scratch, 'unbuilt', 'package.json'), '{ "type": "module" }\n');
    copyFileSync(BIN, copy);
    const result = await run(copy, ['--help']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `kjoretoyregister-simulator: ${join(scratch, 'unbuilt', 'dist', 'cli.js')} is missing; build the package first (npm run build)\n`,
    );
  });
});
