#!/usr/bin/env node
// Fails when any workspace project has an import cycle among its own files, type-only imports
// included: a type-only cycle is still a layering slip (a module and its caller each claiming to be
// the lower layer). dpdm does the parsing; this script only picks each project's files, keeps the
// cycles that lie inside one project (a cycle in core is core's to report, not every consumer's),
// and prints them. `npm run lint` and `npm test` run it.
//
// Usage: node tools/cycle-check/check-cycles.mjs [projectDir …]   (default: every project)
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['src', 'test', 'nodes', 'credentials'];
const SKIP = new Set(['node_modules', 'dist', 'out-tsc', 'coverage', 'fixtures']);

function projects() {
  return ['packages', 'apps']
    .flatMap((group) => readdirSync(path.join(root, group)).map((name) => path.join(group, name)))
    .filter((dir) => statSync(path.join(root, dir)).isDirectory());
}

function tsFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

async function cyclesOf(projectDir) {
  const absolute = path.join(root, projectDir);
  const files = SOURCE_DIRS.map((d) => path.join(absolute, d))
    .filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    })
    .flatMap(tsFiles)
    .map((f) => path.relative(root, f));
  if (files.length === 0) return [];
  const tree = await parseDependencyTree(files, {
    context: root,
    // `transform: false` keeps type-only imports in the graph.
    transform: false,
    skipDynamicImports: false,
    tsconfig: path.join(absolute, 'tsconfig.json'),
    exclude: /node_modules/,
  });
  return parseCircular(tree).filter((cycle) => cycle.every((file) => file.startsWith(`${projectDir}/`)));
}

const selected = process.argv.slice(2);
let failed = 0;
for (const projectDir of selected.length > 0 ? selected : projects()) {
  const cycles = await cyclesOf(projectDir);
  if (cycles.length === 0) continue;
  failed += cycles.length;
  console.error(`${projectDir}: ${cycles.length} import cycle(s)`);
  for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' -> ')}`);
}
if (failed > 0) {
  console.error(`\n${failed} import cycle(s). Move the shared piece into a module both sides import.`);
  process.exit(1);
}
console.log('No import cycles.');
