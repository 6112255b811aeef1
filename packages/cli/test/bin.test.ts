import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BIN,
  CHILD_PATH,
  SHIM,
  SIMULATOR_SHIM,
  WORKSPACE_ROOT,
  killIfRunning,
  runProgram,
  scratchDir,
  startProgram,
  waitForFile,
  waitForStdout,
  type CliResult,
  type StartedProgram,
} from './support/run-cli.js';

/**
 * `kjoretoy` as users start it: the committed bin file, the shim npm links into node_modules/.bin
 * (spawned directly, through its shebang), and npx, each as a child process. Against the simulator
 * the way the READMEs set it up: from the env file the simulator bin writes, and from
 * `kjoretoy simulator --write-env .env`.
 */

/** Generous: two shared cores, and every simulator start generates a CA and RSA keys. */
const START_TIMEOUT_MS = 90_000;
const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string })
  .version;
/** The shims' `#!/usr/bin/env node` finds the Node running these tests; no npm_* config leaks in. */
const env = { PATH: CHILD_PATH, HOME: process.env['HOME'] };

let scratch: ReturnType<typeof scratchDir>;
const started: StartedProgram[] = [];

beforeAll(() => {
  scratch = scratchDir();
});
afterAll(async () => {
  for (const program of started) await killIfRunning(program);
  scratch.remove();
});

/** `file` with `args`: through Node for the bin file, directly (its shebang) for the shim. */
function run(file: string, args: readonly string[], cwd = scratch.dir): Promise<CliResult> {
  return file === SHIM
    ? runProgram(SHIM, args, { env, cwd })
    : runProgram(process.execPath, [file, ...args], { env, cwd });
}

/** Runs `command` in a POSIX shell that first sourced `envFile`, as the READMEs do. */
function inShellWith(envFile: string, command: string, cwd = scratch.dir): Promise<CliResult> {
  return runProgram('sh', ['-c', `. "$1" && ${command}`, 'sh', envFile], { env, cwd });
}

function doctorLines(result: CliResult): string[] {
  return result.stdout.trimEnd().split('\n');
}

describe.each([
  ['the bin file', BIN],
  ['the node_modules/.bin shim', SHIM],
])('kjoretoy through %s', (_, file) => {
  it('prints the package version for --version', async () => {
    const result = await run(file, ['--version']);
    expect(result).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('lists the commands for --help and exits 0', async () => {
    const result = await run(file, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: kjoretoy /);
    for (const command of ['oppslag', 'sok', 'token', 'doctor', 'simulator']) {
      expect(result.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    }
  });

  it('exits 2 with one line on a usage error', async () => {
    const result = await run(file, ['oppslag', 'kjennemerke', 'CU10942', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe("against the simulator bin's --write-env file", () => {
  let simulator: StartedProgram;
  let envFile: string;

  beforeAll(async () => {
    envFile = join(scratch.dir, 'sim', 'env.sh');
    mkdirSync(dirname(envFile));
    simulator = startProgram(SIMULATOR_SHIM, ['--write-env', envFile], { env, cwd: scratch.dir });
    started.push(simulator);
    await waitForFile(envFile, simulator, START_TIMEOUT_MS);
  }, START_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    simulator.child.kill('SIGTERM');
    expect((await simulator.exited).code).toBe(0);
  });

  it('passes every doctor step from a shell that sourced it', async () => {
    const result = await inShellWith(envFile, 'exec kjoretoy doctor');
    expect(result.code).toBe(0);
    expect(doctorLines(result)).toHaveLength(9);
    for (const line of doctorLines(result)) expect(line).toMatch(/^✔ /);
  });

  it('looks up a story vehicle from a shell that sourced it', async () => {
    const result = await inShellWith(envFile, 'exec kjoretoy oppslag kjennemerke CU10942 --format json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ input: 'CU10942', status: 'found' })]);
  });
});

describe('the README walkthrough', () => {
  it(
    '`kjoretoy simulator --write-env .env`, then `kjoretoy doctor` and a lookup in that directory, then Ctrl-C',
    async () => {
      const dir = join(scratch.dir, 'kjoretoy-demo');
      mkdirSync(dir);
      const simulator = startProgram(SHIM, ['simulator', '--write-env', '.env'], { env, cwd: dir });
      started.push(simulator);
      await waitForStdout(simulator, /^export MASKINPORTEN_P12_PASSWORD=/m, START_TIMEOUT_MS);

      // Terminal 2: nothing but PATH; the CLI reads ./.env by itself.
      const doctor = await runProgram('kjoretoy', ['doctor'], { env, cwd: dir });
      expect(doctor.code).toBe(0);
      expect(doctorLines(doctor)).toHaveLength(9);
      for (const line of doctorLines(doctor)) expect(line).toMatch(/^✔ /);

      const lookup = await runProgram('kjoretoy', ['oppslag', 'kjennemerke', 'CU10942', 'ST10001', 'XX99999'], {
        env,
        cwd: dir,
      });
      expect(lookup.code).toBe(0);
      const rows = JSON.parse(lookup.stdout) as { input: string; status: string }[];
      expect(rows.map(({ input, status }) => [input, status])).toEqual([
        ['CU10942', 'found'],
        ['ST10001', 'found'],
        ['XX99999', 'not_found'],
      ]);

      simulator.child.kill('SIGINT');
      expect((await simulator.exited).code).toBe(0);
      expect(simulator.stderr()).toContain('Simulator stopped.');
    },
    START_TIMEOUT_MS + 60_000,
  );
});

describe('npx', () => {
  it('runs the workspace build as `npx kjoretoy`', async () => {
    const result = await runProgram('npx', ['--no-install', 'kjoretoy', '--version'], { env, cwd: WORKSPACE_ROOT });
    expect(result).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  }, 60_000);

  it('runs the installed package as `npx @kjoretoyregister/cli`', async () => {
    // A project with the packages installed (the workspace's node_modules), not the workspace itself.
    const project = join(scratch.dir, 'project');
    mkdirSync(project);
    symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
    const result = await runProgram('npx', ['--no-install', '@kjoretoyregister/cli', '--version'], {
      env,
      cwd: project,
    });
    expect(result).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  }, 60_000);
});

describe('without a build', () => {
  it('says to build the package first, and exits 1', async () => {
    // The package layout with bin/ but no dist/, as after `npm ci` in a fresh clone.
    const root = join(scratch.dir, 'unbuilt');
    mkdirSync(join(root, 'bin'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    copyFileSync(BIN, join(root, 'bin', 'kjoretoy.js'));
    const result = await run(join(root, 'bin', 'kjoretoy.js'), ['--version']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `kjoretoy: ${join(root, 'dist', 'main.js')} is missing; build the package first (npm run build)\n`,
    });
  });
});
