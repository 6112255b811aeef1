// A CommonJS project (`"type": "commonjs"`): the core README's CommonJS example, extracted literally,
// `require()`s core and the simulator (both ESM, loaded through Node's require(esm)) and does a lookup.
import assert from 'node:assert/strict';
import { extractBlock, readJsExample } from '../lib/readme.mjs';
import { createProject } from '../lib/project.mjs';

export const name = 'core-cjs';
export const description = 'core README example (CommonJS, require(esm)) against the simulator';

export async function setup({ registryUrl, tmp }) {
  const block = await extractBlock('packages/core/README.md', 'core-cjs');
  const example = readJsExample(block.code);
  if (!example.file.endsWith('.cjs') && !example.file.endsWith('.js')) {
    throw new Error(`the core-cjs block is ${example.file}, not a CommonJS file`);
  }
  const project = await createProject({
    registryUrl,
    name,
    parent: tmp,
    packageJson: { type: 'commonjs' },
    files: { [example.file]: block.code },
  });
  await project.install(example.install ?? ['@kjoretoyregister/core', '@kjoretoyregister/simulator']);
  return { project, example };
}

export async function check({ project, example }, { bin }) {
  const { stdout, stderr } = await project.node(bin, example.run, { timeoutMs: 60_000 });
  const printed = stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.trimEnd());
  assert.deepEqual(printed, example.expected, 'the output differs from the README');
  // require(esm) is quiet on every supported Node; anything on stderr is something a CJS user would see.
  assert.equal(stderr.trim(), '', 'unexpected output on stderr');
}
