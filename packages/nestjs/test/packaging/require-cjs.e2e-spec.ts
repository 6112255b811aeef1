import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '../../../..');
const packageDir = resolve(__dirname, '../..');

describe('the built package in a CommonJS app', () => {
  let appDir: string;

  beforeAll(async () => {
    // Builds core and simulator first (project references); incremental when up to date.
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(packageDir, 'tsconfig.lib.json')], {
      cwd: repoRoot,
    });
    appDir = await mkdtemp(join(tmpdir(), 'kjoretoyregister-nestjs-cjs-'));
    await writeFile(
      join(appDir, 'package.json'),
      JSON.stringify({ name: 'cjs-consumer', private: true, type: 'commonjs' }),
    );
    await mkdir(join(appDir, 'node_modules', '@kjoretoyregister'), { recursive: true });
    // Installed the way npm links a workspace package; Nest comes from the workspace install.
    await symlink(packageDir, join(appDir, 'node_modules', '@kjoretoyregister', 'nestjs'), 'dir');
    await symlink(join(repoRoot, 'node_modules', '@nestjs'), join(appDir, 'node_modules', '@nestjs'), 'dir');
    await copyFile(join(__dirname, 'cjs-consumer.cjs'), join(appDir, 'main.cjs'));
  }, 300_000);

  afterAll(async () => {
    if (appDir) await rm(appDir, { recursive: true, force: true });
  });

  it("require()s the module, boots it and maps core's errors (core loaded through require(esm))", async () => {
    const { stdout } = await run(process.execPath, ['main.cjs'], { cwd: appDir });

    expect(JSON.parse(stdout)).toEqual({
      moduleName: 'KjoretoyregisterModule',
      baseUrl:
        'http://127.0.0.1:9/kjoretoyregister/api/5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01/rest/distribusjon/kjoretoy/v2.0',
      mappedStatus: 400,
      mappedCode: 'KJR_VALIDATION',
    });
  });
});
