import { rename, writeFile } from 'node:fs/promises';
import { formatEnvExports } from '../env.js';
import { startSimulator, type RunningSimulator } from '../simulator.js';
import { CliUsageError, USAGE, parseCliArgs } from './cli-args.js';

interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Starts the simulator from CLI arguments and prints the banner (as `#` comments, so stdout
 * stays sourceable) and, with `--print-env`, the client environment. Returns the running
 * simulator, or undefined for `--help`; exit codes are decided by the caller.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<RunningSimulator | undefined> {
  const args = parseCliArgs(argv);
  for (const warning of args.warnings) io.err(`${warning}\n`);
  if (args.help) {
    io.out(USAGE);
    return undefined;
  }
  const sim = await startSimulator(args.options);
  const exports = formatEnvExports(sim.env);
  if (args.writeEnv !== undefined) {
    try {
      // Write then rename: a CI script polling for the file never reads half of it.
      await writeFile(`${args.writeEnv}.tmp`, `${exports}\n`, { mode: 0o600 });
      await rename(`${args.writeEnv}.tmp`, args.writeEnv);
    } catch (error) {
      // Nobody can reach a simulator whose environment was not written: do not leave it listening.
      await sim.stop();
      throw error;
    }
  }
  io.out(
    [
      `# kjoretoyregister-simulator listening on ${sim.url}`,
      `# Maskinporten issuer ${sim.issuer}  Fiks base ${sim.fiksBaseUrl}`,
      `# demo org ${sim.demo.orgnr}, client ${sim.demo.clientId}; credentials in ${sim.credentials.dir}`,
      '# admin API: GET /__admin/stats, POST /__admin/reset, PUT /__admin/faults (loopback only)',
      ...(args.printEnv ? [exports] : []),
      '',
    ].join('\n'),
  );
  return sim;
}

export { CliUsageError };
