// Packs every published workspace package the way `npm publish` would and checks the tarball.
// publint and @arethetypeswrong/cli do the package.json/exports and types analysis; this script only
// drives them over every package and adds the checks neither makes for this repository's layout:
// declaration maps that point at unshipped sources, export conditions (our custom
// `@kjoretoyregister/source` one included) that point at unshipped files, imports of packages
// that are not declared, README links that break on the npm page, internal dependency ranges, and
// the metadata npm shows (repository, homepage, bugs, engines and the README's Node.js line).
//
// Usage: `npm run check:packages` (builds first). Exits 1 on any finding.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');

const REPOSITORY = 'https://github.com/kjoretoyregister/kjoretoyregister';
const NODE_RANGE = '>=20.19';
const NODE_LINE = 'Node.js 20.19 or newer';
// ESM-only packages resolve `require()` to ESM on purpose: engines say Node >= 20.19, where
// require(esm) works without a flag. A CommonJS twin would give CJS and ESM consumers two copies
// of the client (two token caches, error classes that fail `instanceof` across them).
const ESM_ONLY_IGNORED = { rule: 'cjs-resolves-to-esm', kind: 'CJSResolvesToESM' };
// Bare imports a bundle keeps on purpose. The n8n node's build.mjs leaves core's lazy
// `import('undici')` external: that default transport is replaced by n8n's HTTP helpers and never loads.
const UNLOADED_EXTERNALS = { 'n8n-nodes-kjoretoyregister': ['undici'] };

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function workspaces() {
  const rootPkg = readJson(join(root, 'package.json'));
  const found = [];
  for (const pattern of rootPkg.workspaces) {
    const base = pattern.replace(/\/\*$/, '');
    for (const entry of readdirSync(join(root, base), { withFileTypes: true })) {
      const manifest = join(root, base, entry.name, 'package.json');
      if (entry.isDirectory() && existsSync(manifest)) {
        found.push({ dir: posix.join(base, entry.name), pkg: readJson(manifest) });
      }
    }
  }
  return found;
}

// Every dependency on a sibling must be the caret range nx release writes (`^<version>`): `*`
// would accept any future major once published, and a stale range makes npm fetch the sibling
// from the registry instead of linking the workspace copy.
function checkInternalRanges(all) {
  const versions = new Map(all.map((w) => [w.pkg.name, w.pkg.version]));
  const findings = [];
  for (const { dir, pkg } of all) {
    for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [name, range] of Object.entries(pkg[section] ?? {})) {
        if (versions.has(name) && range !== `^${versions.get(name)}`) {
          findings.push(`${dir}: ${section}.${name} is "${range}", expected "^${versions.get(name)}"`);
        }
      }
    }
  }
  return findings;
}

function exportTargets(value, acc = []) {
  if (typeof value === 'string') acc.push(value);
  else if (Array.isArray(value)) value.forEach((v) => exportTargets(v, acc));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => exportTargets(v, acc));
  return acc;
}

const normalise = (p) => posix.normalize(p.replace(/^\.\//, ''));

// Statement-anchored so that prose in comments ("told apart from 'unreadable'") does not match.
const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
];
const builtins = new Set(builtinModules);

function bareImports(source) {
  const names = new Set();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of source.matchAll(pattern)) {
      const spec = match[1];
      if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!builtins.has(name)) names.add(name);
    }
  }
  return names;
}

function checkContents(dir, pkg, files) {
  const findings = [];
  const shipped = new Set(files);
  const pkgDir = join(root, dir);

  if (!files.some((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f))) findings.push('no LICENSE file in the tarball');
  if (!shipped.has('README.md')) findings.push('no README.md in the tarball');

  const targets = [
    ...exportTargets(pkg.exports),
    ...['main', 'module', 'types'].map((k) => pkg[k]).filter(Boolean),
    ...Object.values(pkg.bin ?? {}),
    ...(pkg.n8n ? [...(pkg.n8n.nodes ?? []), ...(pkg.n8n.credentials ?? [])] : []),
  ];
  for (const target of new Set(targets.map(normalise))) {
    if (!target.includes('*') && !shipped.has(target))
      findings.push(`${target} is referenced by package.json but not shipped`);
  }

  for (const file of files.filter((f) => f.endsWith('.map'))) {
    const map = readJson(join(pkgDir, file));
    for (const [index, source] of (map.sources ?? []).entries()) {
      // A source embedded in the map (sourcesContent) needs no file beside it; a bundled
      // dependency's file is mapped by path only, for its file:line in a stack trace.
      if (typeof map.sourcesContent?.[index] === 'string' || source.includes('node_modules/')) continue;
      const resolved = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? '', source));
      if (!shipped.has(resolved)) findings.push(`${file} points at ${resolved}, which is not shipped`);
    }
  }

  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
    ...(UNLOADED_EXTERNALS[pkg.name] ?? []),
  ]);
  for (const file of files.filter((f) => /\.(m|c)?js$/.test(f))) {
    for (const name of bareImports(readFileSync(join(pkgDir, file), 'utf8'))) {
      if (!declared.has(name)) findings.push(`${file} imports "${name}", which is not a dependency or peer`);
    }
  }

  // npm renders the README on the package page, where a relative link only works if it names a
  // file in the tarball; everything else must be absolute (or an in-page #anchor).
  const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8').replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  const links = [
    ...readme.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
    ...readme.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm),
    ...readme.matchAll(/\b(?:href|src)="([^"]+)"/g),
  ].map((m) => m[1]);
  for (const link of links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) continue;
    const target = posix.normalize(decodeURI(link.split('#')[0]));
    if (!shipped.has(target))
      findings.push(`README.md links to "${link}", which is not in the tarball (use an absolute URL)`);
  }

  if (pkg.engines?.node !== NODE_RANGE)
    findings.push(`engines.node is "${pkg.engines?.node}", expected "${NODE_RANGE}"`);
  if (!readFileSync(join(pkgDir, 'README.md'), 'utf8').includes(NODE_LINE)) {
    findings.push(`README.md does not state "${NODE_LINE}"`);
  }
  if (pkg.repository?.url !== `git+${REPOSITORY}.git` || pkg.repository?.directory !== dir) {
    findings.push(`repository is not { url: "git+${REPOSITORY}.git", directory: "${dir}" }`);
  }
  if (!pkg.homepage?.startsWith(`${REPOSITORY}/`)) findings.push(`homepage is not under ${REPOSITORY}`);
  if (pkg.bugs?.url !== `${REPOSITORY}/issues`) findings.push(`bugs.url is not ${REPOSITORY}/issues`);
  return findings;
}

async function checkPublint(tarball) {
  const data = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  return messages.map((m) => `publint ${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false })}`);
}

async function checkAttw(tarball, pkg) {
  const ignored = pkg.type === 'module' ? [ESM_ONLY_IGNORED] : [];
  const args = [attwBin, tarball, '--format', 'json', ...ignored.flatMap((i) => ['--ignore-rules', i.rule])];
  let output;
  try {
    ({ stdout: output } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    // attw exits 1 when it finds problems; the JSON report is still on stdout.
    output = error.stdout;
    if (!output) throw error;
  }
  const report = JSON.parse(output);
  if (report.analysis.types === false) return { findings: [], note: 'attw: no types to check' };
  // The JSON report lists every problem, ignored rules included; only the exit code honours them.
  // `problems` is a flat array, or an object of arrays by kind when --ignore-rules is given.
  const raw = report.problems ?? [];
  const problems = (Array.isArray(raw) ? raw : Object.values(raw).flat()).filter(
    (p) => !ignored.some((i) => i.kind === p.kind),
  );
  return {
    findings: problems.map((p) => `attw ${p.kind} at "${p.entrypoint}" (${p.resolutionKind ?? 'all resolutions'})`),
    note: ignored.length
      ? `attw: all rules but ${ignored.map((i) => i.rule).join(', ')} (ESM-only; require(esm) on Node ${NODE_RANGE})`
      : 'attw: all rules',
  };
}

function pack(dir, destination) {
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: join(root, dir),
    encoding: 'utf8',
  });
  const [result] = JSON.parse(output);
  return { ...result, tarball: join(destination, result.filename) };
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

const all = workspaces();
const published = all.filter((w) => w.pkg.private !== true);
const destination = mkdtempSync(join(tmpdir(), 'kjoretoyregister-pack-'));
let failed = false;

try {
  const rangeFindings = checkInternalRanges(all);
  console.log(`Internal dependency ranges (${all.length} workspace packages): ${rangeFindings.length ? 'FAIL' : 'ok'}`);
  rangeFindings.forEach((f) => console.log(`  - ${f}`));
  failed ||= rangeFindings.length > 0;

  const packed = published.map(({ dir }) => pack(dir, destination));
  const attwResults = await Promise.all(published.map(({ pkg }, i) => checkAttw(packed[i].tarball, pkg)));

  for (const [i, { dir, pkg }] of published.entries()) {
    const files = packed[i].files.map((f) => f.path);
    const topLevel = [...new Set(files.map((f) => f.split('/')[0] + (f.includes('/') ? '/' : '')))].sort();
    const attw = attwResults[i];
    const findings = [...(await checkPublint(packed[i].tarball)), ...attw.findings, ...checkContents(dir, pkg, files)];
    failed ||= findings.length > 0;

    console.log(`\n${pkg.name}@${pkg.version} (${dir})`);
    console.log(
      `  tarball ${kB(packed[i].size)}, unpacked ${kB(packed[i].unpackedSize)}, ${packed[i].entryCount} files`,
    );
    console.log(`  ships ${topLevel.join(' ')}`);
    console.log(`  ${attw.note}`);
    console.log(findings.length ? findings.map((f) => `  - ${f}`).join('\n') : '  no findings');
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}

console.log(failed ? '\nPackage check failed.' : '\nAll published packages pass.');
process.exitCode = failed ? 1 : 0;
