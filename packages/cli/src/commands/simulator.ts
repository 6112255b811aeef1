/**
 * `kjoretoy simulator`: starts the local Maskinporten + Fiks + SVV simulator and prints the
 * environment that points this CLI (or any client using core's variable names) at it. With
 * `--write-env .env`, a second terminal in the same directory needs no setup at all: the CLI
 * reads `./.env` by itself. Runs until Ctrl-C or SIGTERM.
 */

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { SimulatorOptions } from '@kjoretoyregister/simulator';
import { givenValue, renamedOption } from '../renamed-flags.js';
import type { CommandOutcome, Terminal } from '../terminal.js';
import type { CommandContext } from './command-context.js';

interface SimulatorFlags {
  port?: number;
  host?: string;
  seed?: number;
  vehicles?: number;
  latency?: number;
  maxBulkSize?: number;
  tokenLifetime?: number;
  quota?: number;
  credentialsDir?: string;
  writeEnv?: string;
}

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function untilStopped(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}

async function runSimulator(term: Terminal, flags: SimulatorFlags): Promise<CommandOutcome> {
  // Loaded on demand: the other commands should not pay for the simulator's start-up imports.
  const { startSimulator, formatEnvExports } = await import('@kjoretoyregister/simulator');
  const options: SimulatorOptions = {
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.vehicles !== undefined ? { vehicles: flags.vehicles } : {}),
    ...(flags.latency !== undefined ? { latencyMs: flags.latency } : {}),
    ...(flags.maxBulkSize !== undefined ? { maxBulkSize: flags.maxBulkSize } : {}),
    ...(flags.tokenLifetime !== undefined ? { tokenLifetimeSeconds: flags.tokenLifetime } : {}),
    ...(flags.quota !== undefined ? { quota: { dailyItems: flags.quota } } : {}),
    ...(flags.credentialsDir !== undefined ? { credentialsDir: resolve(term.cwd, flags.credentialsDir) } : {}),
  };
  const simulator = await startSimulator(options);
  try {
    const exports = `${formatEnvExports(simulator.env)}\n`;
    if (flags.writeEnv !== undefined) {
      // Synthetic demo secrets, but still secrets in shape: keep the file private.
      await writeFile(resolve(term.cwd, flags.writeEnv), exports, { encoding: 'utf8', mode: 0o600 });
    }
    term.stdout.write(exports);
    term.stderr.write(
      [
        `Simulator running at ${simulator.url} (synthetic data only). Ctrl-C stops it.`,
        flags.writeEnv !== undefined
          ? `Environment written to ${flags.writeEnv}; run kjoretoy in that directory, or: set -a; . ${flags.writeEnv}; set +a`
          : 'Paste the export lines above into another terminal, then try: kjoretoy oppslag kjennemerke CU10942',
        '',
      ].join('\n'),
    );
    await untilStopped(term.signal);
  } finally {
    await simulator.stop();
  }
  term.stderr.write('Simulator stopped.\n');
  return 'ok';
}

export function simulatorCommand(context: CommandContext): Command {
  const writeEnv = new Option('--write-env <file>', 'also write the export lines to this file (e.g. .env)');
  return new Command('simulator')
    .description(
      'start the local simulator (Maskinporten + Fiks + SVV, synthetic data) and print the environment to use it',
    )
    .option('--port <n>', 'port (default: a free port)', integer)
    .option('--host <addr>', 'address to bind (default 127.0.0.1)')
    .option('--seed <n>', 'seed of the generated vehicles (default 1)', integer)
    .option('--vehicles <n>', 'generated vehicles besides the story vehicles', integer)
    .option('--latency <ms>', 'added latency on every call', integer)
    .option('--max-bulk-size <n>', 'items per bulk request the simulator accepts (default 100)', integer)
    .option('--token-lifetime <s>', 'expires_in of issued tokens (default 120)', integer)
    .option('--quota <items>', 'daily lookup quota per integration (default unlimited)', integer)
    .option(
      '--credentials-dir <dir>',
      'where the demo CA, certificate and keys go (default: a temp dir removed on stop)',
    )
    .addOption(writeEnv)
    .addOption(renamedOption('--skriv-env <fil>', writeEnv))
    .action(async (flags: Omit<SimulatorFlags, 'writeEnv'>, command: Command) => {
      const file = givenValue(command, 'writeEnv', 'skrivEnv');
      context.outcome = await runSimulator(context.term, {
        ...flags,
        ...(typeof file === 'string' ? { writeEnv: file } : {}),
      });
    });
}
