// Shared by nest-11.mjs and nest-12.mjs: a NestJS app exactly as `nest new` of that major makes it,
// then the nestjs README followed literally: its install line, its forRootAsync module, its
// controller, its simulator spec and (Nest 11, Jest) its Jest change. On every Node of the matrix
// it runs the generated unit and e2e tests plus the README spec, then starts the built app
// (`node dist/main`) and asks it over HTTP for one vehicle and for one under a used-up quota.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../e2e-system/free-port.mjs';
import { ensureNode } from '../../node-matrix/ensure-node.mjs';
import { createProject, runOk, startBackground } from './project.mjs';
import { extractBlock, shellCommands } from './readme.mjs';

const README = 'packages/nestjs/README.md';
const GENERATE_TIMEOUT_MS = 3 * 60_000;
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const BUILD_TIMEOUT_MS = 3 * 60_000;
const TEST_TIMEOUT_MS = 2 * 60_000;
const APP_START_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;
/** A story vehicle of the simulator (STORY_VEHICLES.md): found, with an understellsnummer. */
const PLATE = 'CU10942';

/**
 * `major`: the Nest major to generate. `esm`: whether that generator makes an ES module app, whose
 * relative imports need `.js`. `generatorNode`: the Node version to run `nest new` with
 * (`@nestjs/schematics` 12 needs Node ≥ 22.12), or undefined for the machine's.
 */
export function nestScenario({ major, esm, generatorNode }) {
  return {
    name: `nest-${major}`,
    description: `a \`nest new\` NestJS ${major} app with the nestjs README's install line, module, controller and tests`,
    setup: (ctx) => setup(ctx, { major, esm, generatorNode }),
    check,
    teardown,
  };
}

async function setup({ registryUrl, tmp, log }, { major, esm, generatorNode }) {
  const timings = {};
  const timed = async (what, work) => {
    const started = Date.now();
    const result = await work();
    timings[what] = Date.now() - started;
    return result;
  };
  const blocks = Object.fromEntries(
    await Promise.all(
      [`nest-${major}-install`, 'nest-module', 'nest-controller', 'nest-health', 'nest-testing', 'nest-jest'].map(
        async (id) => [id.replace(/^nest-\d+-/, 'nest-'), (await extractBlock(README, id)).code],
      ),
    ),
  );

  // `nest new` makes its own directory; the project around it only lends the local registry's .npmrc.
  const outer = await createProject({ registryUrl, name: `nest-${major}`, parent: tmp });
  const generator = generatorNode ? await ensureNode(generatorNode) : process.execPath;
  await timed('generate', () =>
    outer.runOk(
      'npx',
      ['-y', `@nestjs/cli@${major}`, 'new', 'app', '--skip-git', '--skip-install', '--package-manager', 'npm'],
      { node: generator, timeoutMs: GENERATE_TIMEOUT_MS },
    ),
  );
  const dir = outer.path('app');
  await writeFile(join(dir, '.npmrc'), await readFile(outer.path('.npmrc'), 'utf8'));
  const generated = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  assert.equal(generated.type === 'module', esm, `nest new ${major} app: "type" is ${generated.type}`);

  const inApp = { cwd: dir, timeoutMs: INSTALL_TIMEOUT_MS };
  // The README's install line, command by command, as a user pastes it. `nest new` without
  // --skip-install would have run a plain `npm install` first; the first command of the line
  // installs the generated dependencies as well, so that second resolution is left out (≈ 1 min).
  await timed('install', async () => {
    for (const { command } of shellCommands(blocks['nest-install'])) {
      if (!command.startsWith('npm install ')) throw new Error(`nest-install block: not an npm install: ${command}`);
      await runOk('sh', ['-c', command], inApp);
    }
  });
  const installed = await installedVersions(dir);
  log(
    `nest-${major}: ${Object.entries(installed)
      .map(([name, version]) => `${name}@${version}`)
      .join(', ')}`,
  );
  assert.equal(installed['@nestjs/core'].split('.')[0], String(major), 'the install line changed the Nest major');
  // Exit code 1 on any missing or invalid (peer) dependency among ours and the Nest satellites.
  await runOk('npm', ['ls', '@kjoretoyregister/nestjs', '@nestjs/axios', '@nestjs/config', '@nestjs/terminus'], inApp);

  await writeReadmeApp(dir, blocks, esm);
  await timed('build', () =>
    runOk('npm', ['run', 'build'], { cwd: dir, node: generator, timeoutMs: BUILD_TIMEOUT_MS }),
  );

  // One simulator for the e2e tests and the built app (the README spec starts its own). It runs in
  // this process, loaded from the app's own node_modules, so faults can be set between requests.
  const appRequire = createRequire(join(dir, 'package.json'));
  const { startSimulator } = await import(pathToFileURL(appRequire.resolve('@kjoretoyregister/simulator')).href);
  const sim = await startSimulator({ port: 0 });
  log(
    `nest-${major}: ${Object.entries(timings)
      .map(([what, ms]) => `${what} ${(ms / 1000).toFixed(1)}s`)
      .join(', ')}`,
  );
  return { dir, major, esm, sim };
}

/** The README's examples as files of the generated app. Only the glue (which file, what imports it) is ours. */
async function writeReadmeApp(dir, blocks, esm) {
  const relative = (path) => (esm ? `${path}.js` : path);
  // Nest 12's generator writes ES module imports with `.js`; the README shows the CommonJS form.
  const withExtensions = (code) => (esm ? code.replace(/(from '\.\/[^'.]+)'/g, "$1.js'") : code);

  await writeFile(join(dir, 'src/sak-kjoretoy.controller.ts'), blocks['nest-controller']);
  await writeFile(join(dir, 'src/health.module.ts'), blocks['nest-health']);
  await writeFile(join(dir, 'src/sak-kjoretoy.controller.spec.ts'), withExtensions(blocks['nest-testing']));

  // The README's module becomes the app's root module, with the README's health module imported;
  // the generated controller and service stay, so the generated tests keep testing what they were
  // written for.
  const moduleCode = blocks['nest-module'];
  const opening = '@Module({\n  imports: [\n';
  assert.match(moduleCode, /export class AppModule \{\}/, 'the nest-module block must declare AppModule');
  assert.equal(moduleCode.split(opening).length, 2, `the nest-module block must have one ${JSON.stringify(opening)}`);
  const appModule = [
    `import { AppController } from '${relative('./app.controller')}';`,
    `import { AppService } from '${relative('./app.service')}';`,
    `import { HealthModule } from '${relative('./health.module')}';`,
    `import { SakKjoretoyController } from '${relative('./sak-kjoretoy.controller')}';`,
    moduleCode.replace(
      opening,
      '@Module({\n  controllers: [AppController, SakKjoretoyController],\n  providers: [AppService],\n  imports: [\n    HealthModule,\n',
    ),
  ].join('\n');
  await writeFile(join(dir, 'src/app.module.ts'), appModule);

  if (!esm) {
    // Nest 11 runs Jest: the README's change goes into both configs `nest new` wrote.
    const change = JSON.parse(`{${blocks['nest-jest']}}`);
    const packageJsonPath = join(dir, 'package.json');
    const packageJson = JSON.parse(await readFile(packageJsonPath, 'utf8'));
    packageJson.jest = { ...packageJson.jest, ...change };
    await writeFile(packageJsonPath, `${JSON.stringify(packageJson, null, 2)}\n`);
    const e2ePath = join(dir, 'test/jest-e2e.json');
    const e2e = JSON.parse(await readFile(e2ePath, 'utf8'));
    await writeFile(e2ePath, `${JSON.stringify({ ...e2e, ...change }, null, 2)}\n`);
  }
}

async function installedVersions(dir) {
  const names = [
    '@nestjs/core',
    '@nestjs/common',
    '@nestjs/axios',
    '@nestjs/config',
    '@nestjs/terminus',
    'typescript',
    '@kjoretoyregister/nestjs',
  ];
  const versions = {};
  for (const name of names) {
    versions[name] = JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
  }
  return versions;
}

async function check({ dir, sim }, { bin }) {
  sim.reset();
  // `npm run` as a user types it; the matrix node is first on PATH, so npm, jest/vitest and every
  // `#!/usr/bin/env node` below it run on that Node. CI=true: no watch mode, no interactive output.
  const inApp = { cwd: dir, node: bin, timeoutMs: TEST_TIMEOUT_MS, env: { CI: 'true' } };
  const reported = (await runOk('node', ['--version'], inApp)).stdout.trim();
  assert.equal(reported, `v${(await runOk(bin, ['--version'])).stdout.trim().slice(1)}`);

  // Unit: the generated spec and the README's simulator spec (own simulator).
  const unit = await runOk('npm', ['test'], inApp);
  assertRan(unit, ['sak-kjoretoy.controller.spec.ts', 'app.controller.spec.ts']);
  // E2E: the generated test boots the README's AppModule, configured from the environment.
  const e2e = await runOk('npm', ['run', 'test:e2e'], { ...inApp, env: { ...inApp.env, ...sim.env } });
  assertRan(e2e, ['app.e2e-spec.ts']);

  await checkBuiltApp(dir, bin, sim);
}

/** Jest and Vitest both print each spec file they ran; an empty run must not count as a pass. */
function assertRan({ stdout, stderr }, files) {
  const output = `${stdout}\n${stderr}`;
  for (const file of files) assert.ok(output.includes(file), `${file} did not run:\n${output.slice(-2000)}`);
  assert.doesNotMatch(output, /\b[1-9]\d* failed\b/, output.slice(-2000));
}

async function checkBuiltApp(dir, bin, sim) {
  const port = await freePort();
  const app = startBackground(bin, ['dist/main'], { cwd: dir, node: bin, env: { ...sim.env, PORT: String(port) } });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/`, app);

    const found = await get(`${base}/saker/SAK-1/kjoretoy/${PLATE}`);
    assert.equal(found.status, 200, `lookup: ${found.status} ${found.text}`);
    assert.equal(JSON.parse(found.text).status, 'found', found.text);

    // The README's terminus health check: a Maskinporten token can be had.
    const health = await get(`${base}/health`);
    assert.equal(health.status, 200, `health: ${health.status} ${health.text}`);
    assert.equal(JSON.parse(health.text).info?.kjoretoyregister?.status, 'up', health.text);

    // A used-up quota must not look like success: the README's controller throws the outcome's
    // error and the module's filter answers 503 with Retry-After.
    sim.setFaults({ quotaExceeded: true });
    const quota = await get(`${base}/saker/SAK-1/kjoretoy/${PLATE}`);
    assert.equal(quota.status, 503, `quota: ${quota.status} ${quota.text}`);
    assert.equal(JSON.parse(quota.text).code, 'KJR_QUOTA_EXCEEDED', quota.text);
    assert.match(quota.headers.get('retry-after') ?? '', /^\d+$/, 'quota: no Retry-After');

    // Maskinporten down while no token is valid: 502, not 200.
    sim.reset();
    sim.revokeTokens();
    sim.setFaults({ tokenEndpointDown: true });
    const maskinporten = await get(`${base}/saker/SAK-1/kjoretoy/${PLATE}`);
    assert.equal(maskinporten.status, 502, `maskinporten: ${maskinporten.status} ${maskinporten.text}`);
    assert.equal(JSON.parse(maskinporten.text).code, 'KJR_MASKINPORTEN', maskinporten.text);
  } catch (error) {
    throw new Error(`${error.message}\n--- app output ---\n${app.output().slice(-3000)}`, { cause: error });
  } finally {
    sim.reset();
    const exit = await app.stop();
    // SIGTERM without enableShutdownHooks: Node's default ends the process; a hang would be SIGKILL.
    assert.notEqual(exit.signal, 'SIGKILL', `the app did not stop on SIGTERM:\n${app.output().slice(-2000)}`);
  }
}

async function get(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function waitForHttp(url, app) {
  const deadline = Date.now() + APP_START_TIMEOUT_MS;
  for (;;) {
    if (app.child.exitCode !== null) throw new Error(`the app exited with ${app.child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const text = await response.text();
      assert.equal(response.status, 200, `${url}: ${response.status} ${text}`);
      return;
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      if (Date.now() > deadline) throw new Error(`the app did not answer ${url} within ${APP_START_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function teardown(state) {
  await state?.sim?.stop();
}
