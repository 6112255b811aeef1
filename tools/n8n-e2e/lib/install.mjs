// n8n 2.8.4 (the last release for Node 20, docs/toolchain.md#n8n-node20) installed once into a cache
// directory outside the repository and reused: about 2.3 GB and 6.5 minutes cold (docs/toolchain.md#headless-n8n).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot } from '../../e2e-system/cache-dir.mjs';
import { withoutNpmConfig } from '../../e2e-system/child-env.mjs';

export const N8N_VERSION = '2.8.4';
const MARKER = '.install-complete';
const INSTALL_TIMEOUT_MS = 30 * 60_000;

export function cacheDir(env = process.env) {
  return join(cacheRoot(env), `n8n-${N8N_VERSION}`);
}

function npmInstall(dir, log) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: dir,
      env: withoutNpmConfig(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(
        new Error(`npm install of n8n ${N8N_VERSION} did not finish within ${INSTALL_TIMEOUT_MS / 60_000} minutes`),
      );
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
      else reject(new Error(`npm install of n8n ${N8N_VERSION} failed with exit code ${code}`));
    });
  });
}

/** Whether the cache holds a complete install; never starts one (bench smoke runs skip without it). */
export function isN8nInstalled() {
  return Promise.resolve(existsSync(join(cacheDir(), MARKER)));
}

/** The n8n binary, installing n8n first when the cache has no complete install. */
export async function ensureN8n({ log = () => {} } = {}) {
  const dir = cacheDir();
  const bin = join(dir, 'node_modules', '.bin', 'n8n');
  if (!existsSync(join(dir, MARKER))) {
    console.log(`n8n e2e: installing n8n ${N8N_VERSION} into ${dir} (once; about 2.3 GB, several minutes)`);
    await mkdir(dir, { recursive: true });
    const manifest = {
      name: 'kjoretoyregister-n8n-harness',
      private: true,
      version: '0.0.0',
      dependencies: { n8n: N8N_VERSION },
      // n8n-nodes-base otherwise fetches xlsx from a CDN tarball, which is not reachable
      // (docs/toolchain.md#headless-n8n).
      overrides: { xlsx: '0.18.5' },
    };
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const chunks = [];
    await npmInstall(dir, (chunk) => {
      chunks.push(chunk);
      log(chunk);
    }).catch((error) => {
      console.error(Buffer.concat(chunks).toString('utf8').slice(-4000));
      throw error;
    });
    await writeFile(join(dir, MARKER), `${new Date().toISOString()}\n`);
  }
  const installed = JSON.parse(await readFile(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
  if (installed !== N8N_VERSION) {
    throw new Error(`${dir} holds n8n ${installed}, not ${N8N_VERSION}: delete the directory to reinstall`);
  }
  return { dir, bin };
}
