// The node reaches n8n as its users get it: the `npm pack` tarball, installed the way n8n's
// community-package installer installs a package from the registry, so a file missing from `files`
// or a runtime dependency that only the workspace provides fails the e2e. No library: the steps are
// n8n's own, mirrored from CommunityPackagesService.downloadPackage and ensurePackageJson
// (packages/cli/src/modules/community-packages/community-packages.service.ts; the same in the dist of
// n8n 2.8.4 and 2.41.3, modules/community-packages/community-packages.service.js):
//   1. <userFolder>/.n8n/nodes/package.json `{ name: 'installed-nodes', private: true, dependencies: {} }`;
//   2. `npm pack <name>@<version>` (here: `npm pack` of the workspace package, after its build);
//   3. `tar -xzf <tarball> -C nodes/node_modules/<name> --strip-components=1`;
//   4. devDependencies, peerDependencies and optionalDependencies deleted from its package.json;
//   5. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
//      --ignore-scripts=true --package-lock=false` in the package's folder (n8n adds `--registry=` its
//      configured registry; the machine's npm config already names the registry);
//   6. the version recorded under `dependencies` in nodes/package.json.
// n8n then loads every `n8n-nodes-*` folder of nodes/node_modules at start (the community-packages
// module's loadDir). It also writes the package into its database table installed_packages, which only
// feeds the settings page; that row is left out here.
import { runCommand } from '../../e2e-system/run-command.mjs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withoutNpmConfig } from '../../e2e-system/child-env.mjs';

const COMMAND_TIMEOUT_MS = 5 * 60_000;

function run(command, args, { cwd, env = withoutNpmConfig() }) {
  return runCommand(command, args, { cwd, env, timeoutMs: COMMAND_TIMEOUT_MS });
}

/** `npm pack` of the built package into `destination`: the tarball npm publishes. */
export async function packPackage(packageDir, destination) {
  await mkdir(destination, { recursive: true });
  const [packed] = JSON.parse(
    await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: packageDir }),
  );
  return {
    tarball: join(destination, packed.filename),
    name: packed.name,
    version: packed.version,
    files: packed.files.map((file) => file.path),
    size: packed.size,
  };
}

/** Installs `packed` into `<userFolder>/.n8n/nodes` as n8n's installer does; returns the package folder. */
export async function installCommunityPackage(userFolder, packed) {
  const downloadFolder = join(userFolder, '.n8n', 'nodes');
  const manifestPath = join(downloadFolder, 'package.json');
  await mkdir(downloadFolder, { recursive: true });
  const manifest = await readFile(manifestPath, 'utf8')
    .then((text) => JSON.parse(text))
    .catch(() => ({ name: 'installed-nodes', private: true, dependencies: {} }));

  const packageDirectory = join(downloadFolder, 'node_modules', packed.name);
  await rm(packageDirectory, { recursive: true, force: true });
  await mkdir(packageDirectory, { recursive: true });
  await run('tar', ['-xzf', packed.tarball, '-C', packageDirectory, '--strip-components=1'], {
    cwd: downloadFolder,
  });

  const packageJsonPath = join(packageDirectory, 'package.json');
  const packageJson = JSON.parse(await readFile(packageJsonPath, 'utf8'));
  for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete packageJson[field];
  await writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');
  await run(
    'npm',
    [
      'install',
      '--audit=false',
      '--fund=false',
      '--bin-links=false',
      '--install-strategy=shallow',
      '--ignore-scripts=true',
      '--package-lock=false',
    ],
    { cwd: packageDirectory },
  );

  manifest.dependencies = { ...manifest.dependencies, [packed.name]: packageJson.version };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');
  return packageDirectory;
}
