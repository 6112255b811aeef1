// Bundles the credential and the node into dist/ as CommonJS with @kjoretoyregister/core (and its
// jose, zod, cockatiel, node-forge) inlined: a community node may have no runtime dependencies
// (docs/toolchain.md#community-node-rules). `tsc -b tsconfig.lib.json` type-checks first (package.json "build").
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const nodeDir = 'nodes/FiksKjoretoyregister';

await rm(dist, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ['credentials/FiksKjoretoyregisterApi.credentials.ts', `${nodeDir}/FiksKjoretoyregister.node.ts`],
  outbase: '.',
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Core's sources, as in the workspace; the bundle then never depends on core having been built.
  conditions: ['@kjoretoyregister/source'],
  // n8n provides n8n-workflow. undici is only imported lazily by core's default fetch transport,
  // which this package replaces with n8n's HTTP helpers, so that import never runs.
  external: ['n8n-workflow', 'undici'],
  // Core's errors take their `name` from the class; bundling must not rename the classes.
  keepNames: true,
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
});

await mkdir(join(dist, nodeDir), { recursive: true });
for (const file of ['FiksKjoretoyregister.node.json', 'fiksKjoretoyregister.svg', 'fiksKjoretoyregister.dark.svg']) {
  await cp(join(root, nodeDir, file), join(dist, nodeDir, file));
}
