// A local npm registry on 127.0.0.1, hand-written on node:http rather than taken from a library:
// the consumer test must install our packages the way users do, `npm install @kjoretoyregister/cli`,
// so that npm resolves the cli's `@kjoretoyregister/core` dependency *by name* as it does on the
// public registry. Tarball paths cannot do that (`npm i -g ./kjoretoyregister-cli-0.1.0.tgz` alone
// fails with E404 for core, which is not published), and verdaccio cannot be installed here (its
// dependency tree needs non-`latest` dist-tags the reachable registry does not serve). What the
// test needs is small: packuments and tarballs for our packed packages, and every other request
// streamed through, unchanged, to the upstream registry the machine's npm uses.
//
//   const packed = await packAll();                  // { '@kjoretoyregister/core': { tgz, version, … } }
//   const registry = await startLocalRegistry(packed); // { url, stop() }
//   … npm install --registry registry.url …
//   await registry.stop();
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { runOk } from './project.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The packages users install from npm (the n8n node has its own packed-tarball test). */
export const PUBLISHED = Object.freeze([
  { name: '@kjoretoyregister/core', dir: 'packages/core' },
  { name: '@kjoretoyregister/simulator', dir: 'packages/simulator' },
  { name: '@kjoretoyregister/cli', dir: 'packages/cli' },
  { name: '@kjoretoyregister/nestjs', dir: 'packages/nestjs' },
]);

/** Our scope: a name in it that was not packed is answered 404, never fetched from upstream. */
const OUR_SCOPE = '@kjoretoyregister/';
const PACK_TIMEOUT_MS = 2 * 60_000;
const UPSTREAM_TIMEOUT_MS = 60_000;

/** One file out of a .tgz, read with a minimal ustar walk (npm pack writes plain ustar, no pax for short names). */
function readFromTarball(tgzBuffer, wanted) {
  const tar = gunzipSync(tgzBuffer);
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const body = offset + 512;
    if (name === wanted) return tar.subarray(body, body + size);
    offset = body + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} is not in the tarball`);
}

/**
 * `npm pack` of every published package into `dest` (default: a new directory under os.tmpdir(),
 * which the caller removes: `dirname(packed[name].tgz)`). Fails when a package is not built.
 * Returns `{ [name]: { tgz, version, manifest, integrity, shasum } }`; `manifest` is the
 * package.json as packed, which is what the registry serves.
 */
export async function packAll({ dest, packages = PUBLISHED } = {}) {
  for (const { name, dir } of packages) {
    const manifest = JSON.parse(await readFile(join(REPO, dir, 'package.json'), 'utf8'));
    const main = manifest.main ?? './dist/index.js';
    if (!existsSync(join(REPO, dir, main))) {
      throw new Error(`${name}: ${join(dir, main)} is missing; build first (npx nx run-many -t build)`);
    }
  }
  const target = dest ?? (await mkdtemp(join(tmpdir(), 'kjoretoy-consumer-pack-')));
  await mkdir(target, { recursive: true });
  const workspaceArgs = packages.flatMap(({ dir }) => ['--workspace', dir]);
  const { stdout } = await runOk(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', target, ...workspaceArgs],
    { cwd: REPO, timeoutMs: PACK_TIMEOUT_MS },
  );
  const reports = JSON.parse(stdout);
  const packed = {};
  for (const report of reports) {
    const tgz = join(target, report.filename);
    const buffer = await readFile(tgz);
    packed[report.name] = {
      tgz,
      version: report.version,
      manifest: JSON.parse(readFromTarball(buffer, 'package/package.json').toString('utf8')),
      integrity: `sha512-${createHash('sha512').update(buffer).digest('base64')}`,
      shasum: createHash('sha1').update(buffer).digest('hex'),
      files: report.files.map((file) => file.path),
    };
  }
  for (const { name } of packages) if (!packed[name]) throw new Error(`npm pack reported no tarball for ${name}`);
  return packed;
}

/** The registry and CA file the machine's npm uses, read at run time (never a hard-coded host). */
async function upstreamConfig() {
  const get = async (key) => (await runOk('npm', ['config', 'get', key], { cwd: tmpdir() })).stdout.trim();
  const registry = await get('registry');
  const cafile = await get('cafile');
  const ca = cafile && cafile !== 'null' && cafile !== 'undefined' ? await readFile(cafile, 'utf8') : undefined;
  return { registry: new URL(registry.endsWith('/') ? registry : `${registry}/`), ca };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function withoutHopByHop(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/** Request path → our package name and what is asked (packument or tarball), or null when not ours. */
function ours(pathname) {
  const path = decodeURIComponent(pathname); // `/@kjoretoyregister%2fcore` and `/@kjoretoyregister/core` alike
  if (!path.startsWith(`/${OUR_SCOPE}`)) return null;
  const match = /^\/(@[^/]+\/[^/]+)(?:\/-\/([^/]+\.tgz))?\/?$/.exec(path);
  if (!match) return { name: path.slice(1) }; // in our scope but no packument or tarball path: 404
  return { name: match[1], tarball: match[2] };
}

/**
 * Serves `packed` (from packAll) on 127.0.0.1 (PREFERRED_PORT, else any free port) and forwards
 * everything else to the upstream registry.
 * Returns `{ url, stop(), requests }`; `requests` counts what was served locally and forwarded, so a
 * test can prove our packages came from here.
 */
export const PREFERRED_PORT = 48730;

export async function startLocalRegistry(packed, { log = (message) => void message, port = PREFERRED_PORT } = {}) {
  const upstream = await upstreamConfig();
  const agent =
    upstream.registry.protocol === 'https:'
      ? new https.Agent({ keepAlive: true, ca: upstream.ca })
      : new http.Agent({ keepAlive: true });
  const client = upstream.registry.protocol === 'https:' ? https : http;
  const requests = { local: 0, forwarded: 0, notFound: 0 };
  let base = '';

  function packument(name) {
    const { manifest, version, integrity, shasum } = packed[name];
    const tarball = `${base}/${name}/-/${name.split('/')[1]}-${version}.tgz`;
    const doc = {
      ...manifest,
      _id: `${name}@${version}`,
      dist: { tarball, integrity, shasum },
    };
    return {
      _id: name,
      name,
      'dist-tags': { latest: version },
      versions: { [version]: doc },
      time: { [version]: new Date().toISOString() },
    };
  }

  function forward(req, res) {
    requests.forwarded += 1;
    const target = new URL(req.url.replace(/^\/+/, ''), upstream.registry);
    const outgoing = client.request(
      target,
      { method: req.method, headers: withoutHopByHop(req.headers), agent, timeout: UPSTREAM_TIMEOUT_MS },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(res);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`upstream timed out after ${UPSTREAM_TIMEOUT_MS} ms`)));
    outgoing.on('error', (error) => {
      log(`registry: upstream ${req.method} ${target.pathname} failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `upstream: ${error.message}` }));
    });
    req.pipe(outgoing);
  }

  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    const local = ours(pathname);
    if (!local) return forward(req, res);
    if (!packed[local.name]) {
      requests.notFound += 1;
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: `${local.name} is not packed by the consumer test` }));
    }
    requests.local += 1;
    if (!local.tarball) {
      const body = JSON.stringify(packument(local.name));
      // Never cached: the next run packs new tarballs under the same version.
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(body);
    }
    const { tgz, version } = packed[local.name];
    if (local.tarball !== `${local.name.split('/')[1]}-${version}.tgz`) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: `no tarball ${local.tarball}` }));
    }
    stat(tgz).then(
      ({ size }) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
        createReadStream(tgz).pipe(res);
      },
      (error) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  // npm caches packuments by URL. On the same port every run, the upstream packuments cached by
  // the last run are revalidated (304) instead of downloaded again; ours are sent `no-store`, so
  // npm never caches them. When the port is taken (another run), any free port does.
  const listen = (on) =>
    new Promise((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => {
        server.off('error', reject);
        resolvePromise();
      });
    });
  try {
    await listen(port);
  } catch (error) {
    if (error.code !== 'EADDRINUSE' || port === 0) throw error;
    await listen(0);
  }
  base = `http://127.0.0.1:${server.address().port}`;
  let stopped;
  return {
    url: `${base}/`,
    upstream: upstream.registry.href,
    requests,
    stop() {
      stopped ??= new Promise((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
        agent.destroy();
      });
      return stopped;
    },
  };
}
