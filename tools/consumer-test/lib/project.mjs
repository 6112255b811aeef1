// A consumer's project: a fresh directory under os.tmpdir() (outside the workspace, so no parent
// node_modules or workspace config can leak in), whose `.npmrc` points npm at the local registry.
// Commands run in it with a chosen node binary first on PATH, so `npx`, npm and every `#!/usr/bin/env
// node` shebang use that Node, and with a clean environment: under `npm run` npm exports npm_* and
// INIT_CWD, and a nested npm would otherwise install into the monorepo.
//
//   const project = await createProject({ registryUrl, name: 'esm', packageJson: { type: 'module' } });
//   await project.npm(['install', '@kjoretoyregister/core']);        // machine's node and npm
//   const { stdout } = await project.run('node', ['example.mjs'], { node: '/path/to/node' });
//   await project.remove();
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { withoutNpmConfig } from '../../e2e-system/child-env.mjs';

export const DEFAULT_TIMEOUT_MS = 2 * 60_000;

/** Every child still running, so that an interrupted run can end them (each leads its own group). */
const live = new Set();

function track(child) {
  live.add(child);
  child.on('close', () => live.delete(child));
  child.on('error', () => live.delete(child));
  return child;
}

/** SIGKILLs the process group of every child started here that is still running (on SIGINT/SIGTERM). */
export function killAllChildren() {
  for (const child of live) killGroup(child, 'SIGKILL');
}
export const INSTALL_TIMEOUT_MS = 5 * 60_000;

/** The environment for a child: no npm_* variables, `node`'s directory first on PATH, then `extra`. */
export function cleanEnv({ node, extra = {} } = {}) {
  const env = withoutNpmConfig(process.env);
  if (node) env.PATH = [dirname(node), env.PATH].filter(Boolean).join(delimiter);
  return { ...env, ...extra };
}

/**
 * Runs `command` and resolves `{ code, signal, stdout, stderr, timedOut }` whatever the exit code.
 * The child gets its own process group, so a timeout also ends what it started (npx → npm → node).
 */
export function run(command, args, { cwd, node, env, timeoutMs = DEFAULT_TIMEOUT_MS, input } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = track(
      spawn(command, args, {
        cwd,
        env: cleanEnv({ node, extra: env }),
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        detached: true,
      }),
    );
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Like run, but rejects with the command's output when it does not exit 0. */
export async function runOk(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const why = result.timedOut
      ? `timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
      : `exit ${result.signal ?? result.code}`;
    const output = `${result.stdout}\n${result.stderr}`.trim().slice(-3000);
    throw new Error(`\`${[command, ...args].join(' ')}\` failed (${why}):\n${output}`);
  }
  return result;
}

/**
 * Starts a long-running command (a simulator) in its own process group. `stop()` sends SIGTERM,
 * then SIGKILL after `graceMs`, and resolves once it has exited; it is safe to call twice.
 */
export function startBackground(command, args, { cwd, node, env, graceMs = 5_000 } = {}) {
  const child = track(
    spawn(command, args, {
      cwd,
      env: cleanEnv({ node, extra: env }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    }),
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolvePromise) => {
    child.on('close', (code, signal) => resolvePromise({ code, signal }));
    child.on('error', (error) => resolvePromise({ code: null, signal: null, error }));
  });
  let stopping;
  return {
    child,
    exited,
    output: () => output,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return exited;
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      })();
      return stopping;
    },
  };
}

/**
 * A fresh project directory with `package.json` (merged over a private default), an `.npmrc` that
 * points at `registryUrl`, and `files` ({ relativePath: contents }). Returns helpers bound to it.
 */
export async function createProject({
  registryUrl,
  name = 'consumer',
  packageJson = {},
  files = {},
  parent = tmpdir(),
}) {
  if (!registryUrl) throw new Error('createProject needs the local registry url');
  const dir = await mkdtemp(join(parent, `kjoretoy-consumer-${name}-`));
  const manifest = { name: `consumer-${name}`, version: '0.0.0', private: true, ...packageJson };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Project config only: the user's global and user npm config stay untouched. audit/fund off so an
  // install talks to nothing but the registry endpoints it needs.
  await writeFile(join(dir, '.npmrc'), `registry=${registryUrl}\naudit=false\nfund=false\nupdate-notifier=false\n`);
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
  const inDir = (options) => ({ cwd: dir, ...options });
  return {
    dir,
    registryUrl,
    path: (...parts) => join(dir, ...parts),
    write: async (path, contents) => {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), contents);
    },
    run: (command, args, options) => run(command, args, inDir(options)),
    runOk: (command, args, options) => runOk(command, args, inDir(options)),
    start: (command, args, options) => startBackground(command, args, inDir(options)),
    /** npm with the machine's node unless `node` is given; rejects on failure. */
    npm: (args, options = {}) => runOk('npm', args, inDir({ timeoutMs: INSTALL_TIMEOUT_MS, ...options })),
    /** `npm install <specs…>` from the local registry, no audit, no fund. */
    install: (specs = [], options = {}) =>
      runOk(
        'npm',
        ['install', '--no-audit', '--no-fund', ...specs],
        inDir({ timeoutMs: INSTALL_TIMEOUT_MS, ...options }),
      ),
    /** `node <args>` with the given node binary (required: the matrix decides which Node runs). */
    node: (node, args, options = {}) => runOk(node, args, inDir({ node, ...options })),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
