// Bundles the credential and the node into dist/ as CommonJS: a community node may have no runtime
// dependencies (docs/toolchain.md#community-node-rules), so @kjoretoyregister/core and its jose and
// zod are inlined. `tsc -b tsconfig.lib.json` type-checks first (package.json "build").
//
// One copy of core: dist/shared/kjoretoyregister-core.js holds core (and what it imports); the
// node and the credential require it by relative path. n8n loads both entry files into one
// process, so a single module instance means one zod, one set of error classes, half the bytes.
// Each entry is its own esbuild run because the relative path to the shared file depends on where
// that entry's output lands (a module shared by both entries would otherwise get one path).
import { build } from 'esbuild';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const nodeDir = 'nodes/FiksKjoretoyregister';

// The core entry the sources import; the shared file is built from exactly this one. The host
// entry: no file system, environment, timers, console or Node-only dependencies (n8n's scanner
// forbids them in a community node); the node supplies transport and sleep through n8n.
const CORE_ENTRY = '@kjoretoyregister/core/host';
const CORE_ENTRIES = /^@kjoretoyregister\/core(\/host)?$/;
const SHARED_CORE = 'shared/kjoretoyregister-core.js';

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Core's sources, as in the workspace; the bundle then never depends on core having been built.
  conditions: ['@kjoretoyregister/source'],
  minify: true,
  // Core's errors take their `name` from the class; minifying must not rename the classes.
  keepNames: true,
  // A map next to each bundle: n8n started with NODE_OPTIONS=--enable-source-maps then names the
  // original file:line in a stack trace. Our own sources (core, the node) are embedded, since an
  // installed package has no sources beside the maps; jose and zod are mapped by path only
  // (dropThirdPartySources), which keeps their file:line and leaves 0.8 MB of zod out of the tarball.
  sourcemap: 'linked',
  sourcesContent: true,
  legalComments: 'eof',
  logLevel: 'warning',
};

/**
 * zod 4 keeps its config and schema registry on the global object (`globalThis.__zod_globalConfig`,
 * `globalThis.__zod_globalRegistry`, written at module level). n8n loads its own zod into the same
 * process: sharing them would let n8n's settings (locale, error map) change our validation
 * messages and mix our schemas into n8n's registry, and n8n's scanner forbids global access in a
 * community node. So zod's files, and only those, get one bundle-local object in place of
 * `globalThis`. Everything else is fixed at the source (core's host entry), never rewritten here.
 */
const zodStateInBundle = {
  name: 'zod-state-in-bundle',
  setup(b) {
    const stateModule = 'kjoretoyregister-zod-state';
    b.onResolve({ filter: new RegExp(`^${stateModule}$`) }, () => ({ path: stateModule, namespace: stateModule }));
    b.onLoad({ filter: /.*/, namespace: stateModule }, () => ({
      contents: 'export const zodState = {};',
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/].*\.c?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/\bglobalThis\b/.test(source)) return undefined;
      const local = '__kjoretoyregisterZodState';
      const header = args.path.endsWith('.cjs')
        ? `const ${local} = require('${stateModule}').zodState;\n`
        : `import { zodState as ${local} } from '${stateModule}';\n`;
      return { contents: header + source.replace(/\bglobalThis\b/g, local), loader: 'js' };
    });
  },
};

/** Core, for an entry whose output is `outfile`: the shared file by relative path, not bundled. */
function sharedCore(outfile) {
  let path = relative(dirname(join(dist, outfile)), join(dist, SHARED_CORE))
    .split(sep)
    .join('/');
  if (!path.startsWith('.')) path = `./${path}`;
  return {
    name: 'shared-core',
    setup(b) {
      b.onResolve({ filter: CORE_ENTRIES }, (args) => {
        if (args.path !== CORE_ENTRY) {
          return { errors: [{ text: `${args.path} is imported, but the shared core is built from ${CORE_ENTRY}` }] };
        }
        return { path, external: true };
      });
    },
  };
}

await rm(dist, { recursive: true, force: true });

await build({
  ...common,
  stdin: { contents: `export * from '${CORE_ENTRY}';`, resolveDir: root, sourcefile: 'kjoretoyregister-core.ts' },
  outfile: join('dist', SHARED_CORE),
  plugins: [zodStateInBundle],
});

const entries = [
  {
    in: 'credentials/FiksKjoretoyregisterApi.credentials.ts',
    out: 'credentials/FiksKjoretoyregisterApi.credentials.js',
  },
  { in: `${nodeDir}/FiksKjoretoyregister.node.ts`, out: `${nodeDir}/FiksKjoretoyregister.node.js` },
];
for (const entry of entries) {
  await build({
    ...common,
    entryPoints: [entry.in],
    outfile: join('dist', entry.out),
    // n8n provides n8n-workflow.
    external: ['n8n-workflow'],
    plugins: [sharedCore(entry.out)],
  });
}

/** Bundled dependencies' sources stay out of the maps; their paths (and so file:line) stay in. */
async function dropThirdPartySources(dir) {
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith('.js.map')) continue;
    const file = join(dir, entry);
    const map = JSON.parse(await readFile(file, 'utf8'));
    map.sourcesContent = map.sources.map((source, i) =>
      source.includes('node_modules/') ? null : map.sourcesContent[i],
    );
    await writeFile(file, JSON.stringify(map));
  }
}
await dropThirdPartySources(dist);

await mkdir(join(dist, nodeDir), { recursive: true });
for (const file of ['FiksKjoretoyregister.node.json', 'fiksKjoretoyregister.svg', 'fiksKjoretoyregister.dark.svg']) {
  await cp(join(root, nodeDir, file), join(dist, nodeDir, file));
}
