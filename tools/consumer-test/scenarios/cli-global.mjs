// The CLI as its README tells users to get it: `npm install -g @kjoretoyregister/cli` (into a temp
// prefix, from the local registry), then the README's two-terminal walkthrough, extracted literally:
// terminal 1 starts `kjoretoy simulator --write-env .env`, terminal 2 runs `kjoretoy doctor` and a
// lookup and must print what the README shows. Besides: `kjoretoy doctor` against a simulator
// started with `npx @kjoretoyregister/simulator --write-env <file>` (the simulator README's way
// without installing), and `npx @kjoretoyregister/cli --version` in a project.
import assert from 'node:assert/strict';
import { access, mkdir, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { extractBlock, shellCommands } from '../lib/readme.mjs';
import { createProject, INSTALL_TIMEOUT_MS } from '../lib/project.mjs';
import { REPO } from '../lib/registry.mjs';

export const name = 'cli-global';
export const description = 'npm i -g the CLI; README walkthrough; doctor against npx simulator';

const STARTUP_TIMEOUT_MS = 90_000;

async function waitForFile(path, background, what) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    try {
      await access(path);
      return;
    } catch {
      // not written yet
    }
    if (background.child.exitCode !== null || background.child.signalCode !== null) {
      throw new Error(`${what} exited before writing ${path}:\n${background.output().slice(-2000)}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} wrote no ${path} within ${STARTUP_TIMEOUT_MS / 1000} s`);
    await delay(200);
  }
}

/** `mkdir X && cd X` opening a block: the folder the rest of the walkthrough runs in. */
function leadingFolder(commands) {
  const match = /^mkdir (\S+) && cd \1$/.exec(commands[0]?.command ?? '');
  return match ? { folder: match[1], rest: commands.slice(1) } : { folder: '.', rest: commands };
}

export async function setup({ registryUrl, packed, tmp }) {
  const readme = await readFile(join(REPO, 'packages/cli/README.md'), 'utf8');
  const install = 'npm install -g @kjoretoyregister/cli';
  if (!readme.includes(`\`${install}\``)) throw new Error(`packages/cli/README.md no longer says \`${install}\``);
  const terminal1 = shellCommands((await extractBlock('packages/cli/README.md', 'cli-terminal-1')).code);
  const terminal2 = shellCommands((await extractBlock('packages/cli/README.md', 'cli-terminal-2')).code);

  const project = await createProject({ registryUrl, name, parent: tmp });
  const prefix = project.path('global');
  // Global mode ignores the project .npmrc, so the registry is given on the command line.
  await project.npm(
    [...install.split(' ').slice(1, 3), '--prefix', prefix, '--registry', registryUrl, ...install.split(' ').slice(3)],
    {
      timeoutMs: INSTALL_TIMEOUT_MS,
    },
  );
  return { project, prefix, terminal1, terminal2, version: packed['@kjoretoyregister/cli'].version };
}

export async function check(state, { version, bin }) {
  const { project, prefix, terminal1, terminal2 } = state;
  const env = { PATH: [join(bin, '..'), join(prefix, 'bin'), process.env.PATH].join(delimiter) };
  const base = project.path(`node-${version}`);
  await mkdir(base, { recursive: true });
  const sh = (command, cwd, timeoutMs = 90_000, extraEnv = {}) =>
    project.run('sh', ['-c', command], { cwd, node: bin, env: { ...env, ...extraEnv }, timeoutMs });
  // npx keeps what it installed under <npm cache>/_npx, keyed by the package spec, and reuses it:
  // every run packs new tarballs under the same version, so a shared cache would run an old build.
  const npxEnv = { npm_config_cache: project.path('npx-cache') };

  const printed = await sh('kjoretoy --version', base);
  assert.equal(printed.code, 0, `kjoretoy --version failed:\n${printed.stderr}`);
  assert.equal(printed.stdout.trim(), state.version, 'kjoretoy --version prints the installed version');

  // Terminal 1, as written: the last command is the long-running simulator.
  const { folder, rest } = leadingFolder(terminal1);
  assert.equal(rest.length, 1, 'terminal 1 of the walkthrough is one long-running command');
  await mkdir(join(base, folder), { recursive: true });
  const demo = join(base, folder);
  const envFile = /--write-env (\S+)/.exec(rest[0].command)?.[1];
  assert.ok(envFile, 'terminal 1 writes the environment with --write-env <file>');
  const simulator = project.start('sh', ['-c', `exec ${rest[0].command}`], { cwd: demo, node: bin, env });
  try {
    await waitForFile(join(demo, envFile), simulator, rest[0].command);
    for (const { command, output } of terminal2) {
      const result = await sh(command, demo);
      const all = `${result.stdout}\n${result.stderr}`;
      assert.equal(result.code, 0, `\`${command}\` exited ${result.code}:\n${all.slice(-2000)}`);
      if (/^kjoretoy doctor\b/.test(command)) {
        // Every step the README shows as passed passes (the README elides some with `…`).
        for (const line of output.filter((text) => text.startsWith('✔'))) {
          const step = line.slice(1).split(':')[0].trim();
          assert.ok(all.includes(`✔ ${step}`), `doctor does not pass "${step}":\n${all.slice(-2000)}`);
        }
        assert.ok(!all.includes('✘'), `doctor reports a failed step:\n${all.slice(-2000)}`);
      }
      const summary = output.at(-1);
      if (summary && /^\d+ lookups: /.test(summary)) {
        assert.ok(result.stderr.includes(summary), `\`${command}\` does not say "${summary}":\n${all.slice(-2000)}`);
      }
    }
  } finally {
    const { code, signal } = await simulator.stop();
    // SIGTERM is how the README's Ctrl-C ends it: a clean exit, not a crash.
    assert.ok(code === 0 || code === 130 || signal === 'SIGTERM', `kjoretoy simulator exited ${signal ?? code}`);
  }

  // The simulator without installing it, as its README says, then doctor against its file.
  const writeEnv = join(base, 'sim.env');
  const npxSimulator = project.start('npx', ['--yes', '@kjoretoyregister/simulator', '--write-env', writeEnv], {
    cwd: base,
    node: bin,
    env: { ...env, ...npxEnv },
  });
  try {
    await waitForFile(writeEnv, npxSimulator, 'npx @kjoretoyregister/simulator');
    const doctor = await sh(`kjoretoy doctor --dotenv ${writeEnv}`, base);
    const all = `${doctor.stdout}\n${doctor.stderr}`;
    assert.equal(
      doctor.code,
      0,
      `kjoretoy doctor against the npx simulator exited ${doctor.code}:\n${all.slice(-2000)}`,
    );
  } finally {
    await npxSimulator.stop();
  }

  const npx = await sh('npx --yes @kjoretoyregister/cli --version', base, INSTALL_TIMEOUT_MS, npxEnv);
  assert.equal(npx.code, 0, `npx @kjoretoyregister/cli --version failed:\n${npx.stderr.slice(-2000)}`);
  assert.equal(npx.stdout.trim(), state.version, 'npx @kjoretoyregister/cli --version');
}
