// Previews the next release with nx release and writes nothing. Two dry runs:
//   1. `nx release --dry-run --skip-publish --first-release`: the version conventional commits give
//      and the CHANGELOG.md entries, exactly as a real release would compute them. --first-release
//      lets it run in a fresh clone without release tags (versions then come from package.json).
//   2. `nx release version major --dry-run --first-release`: a breaking bump, to prove that every
//      dependency on a workspace package (published or private) is rewritten to the new `^version`.
// Afterwards it checks that HEAD, the tags, the index and every file a release touches are unchanged.
// Nothing here needs the network: git tags and package.json are the only version sources.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Colour stays as the caller has it: with NO_COLOR nx prints no file diffs at all. The parser strips
// escape codes instead.
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const nxPackage = createRequire(import.meta.url).resolve('nx/package.json');
const nxBin = join(dirname(nxPackage), JSON.parse(readFileSync(nxPackage, 'utf8')).bin.nx);
const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));

function workspaceManifests() {
  const manifests = [];
  for (const pattern of readJson('package.json').workspaces) {
    const base = pattern.replace(/\/\*$/, '');
    for (const entry of readdirSync(join(root, base), { withFileTypes: true })) {
      const file = posix.join(base, entry.name, 'package.json');
      if (entry.isDirectory() && existsSync(join(root, file))) manifests.push(file);
    }
  }
  return manifests;
}

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

function snapshot(manifests) {
  const files = [
    'package-lock.json',
    ...manifests,
    ...manifests.map((m) => posix.join(posix.dirname(m), 'CHANGELOG.md')),
  ];
  const hashes = files.map((f) => {
    const path = join(root, f);
    return `${f} ${existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent'}`;
  });
  return [
    `HEAD ${git('rev-parse', 'HEAD').trim()}`,
    `tags ${git('tag', '--list').trim()}`,
    `index ${git('diff', '--cached', '--name-only').trim()}`,
    ...hashes,
  ];
}

function nx(args) {
  console.log(`\n$ nx ${args.join(' ')}`);
  // nx prints "UPDATE <file>" on stderr and the diff under it on stdout: one file for both keeps
  // them in order.
  const dir = mkdtempSync(join(tmpdir(), 'kjoretoyregister-release-'));
  const logFile = join(dir, 'nx.log');
  const fd = openSync(logFile, 'w');
  try {
    const result = spawnSync(process.execPath, [nxBin, ...args], { cwd: root, env, stdio: ['ignore', fd, fd] });
    const output = readFileSync(logFile, 'utf8');
    process.stdout.write(output);
    if (result.status !== 0) throw new Error(`nx ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    return stripVTControlCharacters(output);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

// Splits nx's dry-run output into the manifest diffs it prints after "UPDATE <file> [dry-run]".
function updatedLines(output) {
  const blocks = new Map();
  let current;
  for (const line of output.split('\n')) {
    const header = /^UPDATE (\S+) \[dry-run\]/.exec(line);
    if (header) blocks.set((current = header[1]), []);
    else if (/^(CREATE|DELETE) |^ NX /.test(line)) current = undefined;
    else if (current) blocks.get(current).push(line);
  }
  return blocks;
}

function checkRangesFollow(output, manifests) {
  const newVersions = new Map();
  for (const [, version, manifest] of output.matchAll(/New version (\S+) written to manifest: (\S+)/g)) {
    newVersions.set(readJson(manifest).name, version);
  }
  const blocks = updatedLines(output);
  const problems = [];
  let checked = 0;
  for (const manifest of manifests) {
    const pkg = readJson(manifest);
    for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const name of Object.keys(pkg[section] ?? {}).filter((n) => newVersions.has(n))) {
        checked += 1;
        const expected = `"${name}": "^${newVersions.get(name)}"`;
        if (!(blocks.get(manifest) ?? []).some((l) => l.startsWith('+') && l.includes(expected))) {
          problems.push(`${manifest}: ${section}.${name} is not rewritten to ${expected.split(': ')[1]}`);
        }
      }
    }
  }
  return { checked, problems };
}

const manifests = workspaceManifests();
const before = snapshot(manifests);
let failed = false;

nx(['release', '--dry-run', '--skip-publish', '--first-release']);
const bump = nx(['release', 'version', 'major', '--dry-run', '--first-release']);

const { checked, problems } = checkRangesFollow(bump, manifests);
console.log(`\nInternal ranges after a major bump: ${checked} checked, ${problems.length} not rewritten`);
problems.forEach((p) => console.log(`  - ${p}`));
failed ||= checked === 0 || problems.length > 0;

const after = snapshot(manifests);
const changed = after.filter((line, i) => line !== before[i]);
console.log(
  changed.length ? `The dry runs changed the repository:\n  ${changed.join('\n  ')}` : 'Nothing was written.',
);
failed ||= changed.length > 0;

console.log(failed ? '\nRelease check failed.' : '\nRelease check passed.');
process.exitCode = failed ? 1 : 0;
