// n8n's verification scan of the community node, before it is published: the two ESLint legs of
// @n8n/scan-community-package's `analyzePackageByName` (scanner/scanner.mjs), run through its own
// exported `analyzePackage` and `SOURCE_FILE_PATTERNS`, so the rules, parsers and options are the
// scanner's and not a copy. Skipped, because the package is not published: the registry download
// (`npm pack <name>@<version>` is replaced by `npm pack` of the workspace package) and the npm
// provenance check, whose attestation also names the source checkout (here: the working tree).
//
//   node tools/n8n-scan/scan.mjs      exit 0 when both legs find nothing, 1 on any finding
//
// The package must be built first (dist/ is what `npm pack` ships; `npm test` builds before this
// runs). The scanner is installed once per version into a cache outside the repository
// (~/.cache/kjoretoyregister/scan-community-package-<version>, KJORETOYREGISTER_CACHE overrides the
// root), with `--ignore-scripts`, and reused; a fresh install takes about 25 s.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheRoot } from '../e2e-system/cache-dir.mjs';
import { withoutNpmConfig } from '../e2e-system/child-env.mjs';
import { runCommand } from '../e2e-system/run-command.mjs';
import { packPackage } from '../n8n-e2e/lib/community-package.mjs';

export const SCANNER = '@n8n/scan-community-package';
export const SCANNER_VERSION = '0.32.0';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageDir = join(repo, 'packages', 'n8n-nodes-kjoretoyregister');
const MARKER = '.install-complete';
const INSTALL_TIMEOUT_MS = 5 * 60_000;

/**
 * The scanner's folder, installing it when the cache has no complete install. It is installed into
 * a fresh sibling folder and renamed into place, so an interrupted or concurrent install never
 * leaves a half-filled cache behind (a run that loses the rename uses the winner's install).
 */
async function ensureScanner() {
  const dir = join(cacheRoot(), `scan-community-package-${SCANNER_VERSION}`);
  if (existsSync(join(dir, MARKER))) return dir;
  console.log(`n8n scan: installing ${SCANNER}@${SCANNER_VERSION} into ${dir} (once)`);
  await mkdir(dirname(dir), { recursive: true });
  const staging = await mkdtemp(`${dir}.tmp-`);
  try {
    const manifest = {
      name: 'kjoretoyregister-n8n-scan',
      private: true,
      version: '0.0.0',
      dependencies: { [SCANNER]: SCANNER_VERSION },
    };
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await runCommand('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: staging,
      env: withoutNpmConfig(),
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    await writeFile(join(staging, MARKER), `${new Date().toISOString()}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir).catch((error) => {
      if (!existsSync(join(dir, MARKER))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return dir;
}

async function versionOf(scannerDir, name) {
  const manifest = join(scannerDir, 'node_modules', ...name.split('/'), 'package.json');
  return JSON.parse(await readFile(manifest, 'utf8')).version;
}

async function main() {
  if (!existsSync(join(packageDir, 'dist'))) {
    throw new Error(`${packageDir}/dist is missing: build first (npx nx run n8n-nodes-kjoretoyregister:build)`);
  }
  const scannerDir = await ensureScanner();
  const plugins = await Promise.all(
    ['@n8n/eslint-plugin-community-nodes', 'eslint-plugin-n8n-nodes-base', 'eslint'].map(
      async (name) => `${name} ${await versionOf(scannerDir, name)}`,
    ),
  );
  console.log(`n8n scan: ${SCANNER} ${SCANNER_VERSION} (${plugins.join(', ')})`);
  const scanner = await import(
    pathToFileURL(join(scannerDir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs')).href
  );

  const work = await mkdtemp(join(tmpdir(), 'kjoretoyregister-n8n-scan-'));
  try {
    // As analyzePackageByName: the tarball unpacked into `<name>-<version>` with tar --strip-components=1.
    const packed = await packPackage(packageDir, work);
    const extracted = join(work, `${packed.name}-${packed.version}`);
    await mkdir(extracted, { recursive: true });
    await runCommand('tar', ['-xzf', packed.tarball, '-C', extracted, '--strip-components=1'], { cwd: work });

    const legs = [
      { name: 'source (package.json, nodes/, credentials/)', dir: packageDir, patterns: scanner.SOURCE_FILE_PATTERNS },
      { name: `tarball (${packed.name}-${packed.version}.tgz)`, dir: extracted, patterns: ['**/*.js', 'package.json'] },
    ];
    let failed = false;
    for (const leg of legs) {
      const result = await scanner.analyzePackage(leg.dir, leg.patterns);
      console.log(`n8n scan: ${leg.name}: ${result.passed ? 'no findings' : result.message}`);
      if (result.details) console.log(result.details);
      if (!result.passed) failed = true;
    }
    return failed ? 1 : 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
