import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The README starts with a runnable example; run it as users would (built packages, plain node).
const packageRoot = resolve(__dirname, '..');

it('runs the README example against the simulator and prints what it promises', () => {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  // The block tools/consumer-test also runs (from packed tarballs, on every Node of the matrix).
  const example = /<!-- consumer-test: core-esm -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  // Inside the package folder so the workspace packages resolve like installed ones.
  const dir = mkdtempSync(join(packageRoot, '.readme-example-'));
  try {
    const file = join(dir, 'example.mjs');
    writeFileSync(file, example ?? '');
    const out = execFileSync(process.execPath, [file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    expect(out).toContain('cu10942 found HELGE KROKEN');
    expect(out).toContain('EC 80261 found JARLE BERGER');
    expect(out).toContain('XX99999 not_found');
    expect(out).not.toContain('undefined');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
