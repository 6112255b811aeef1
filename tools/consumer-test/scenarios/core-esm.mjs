// The core README's first example, extracted literally and run as written in a `"type": "module"`
// project: the file name, the `npm install` line and the `node` command come from the block itself,
// and its `// Prints:` comment is the expected output.
import assert from 'node:assert/strict';
import { extractBlock, readJsExample } from '../lib/readme.mjs';
import { createProject } from '../lib/project.mjs';

export const name = 'core-esm';
export const description = 'core README example (ESM) against the simulator';

export async function setup({ registryUrl, tmp }) {
  const block = await extractBlock('packages/core/README.md', 'core-esm');
  const example = readJsExample(block.code);
  if (!example.install) throw new Error('the core-esm block must name its `npm install` command');
  const project = await createProject({
    registryUrl,
    name,
    parent: tmp,
    packageJson: { type: 'module' },
    files: { [example.file]: block.code },
  });
  await project.install(example.install);
  return { project, example };
}

export async function check({ project, example }, { bin }) {
  const { stdout } = await project.node(bin, example.run, { timeoutMs: 60_000 });
  const printed = stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.trimEnd());
  assert.deepEqual(printed, example.expected, 'the output differs from the README');
}
