import { parseArgs } from 'node:util';
import type { SimulatorOptions } from '../options.js';

interface CliArgs {
  options: SimulatorOptions;
  printEnv: boolean;
  /** Written (atomically) once the simulator listens, for CI scripts to wait on and source. */
  writeEnv: string | undefined;
  help: boolean;
  /** Lines for stderr (without newline): deprecated spellings that still work. */
  warnings: string[];
}

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const USAGE = `Usage: kjoretoyregister-simulator [options]

Local Maskinporten + KS Fiks + SVV Kjøretøyregister simulator (synthetic data only).

Options:
  --port <n>              port to listen on (default 0 = a free port)
  --host <addr>           address to bind (default 127.0.0.1)
  --seed <n>              seed for vehicle data and fault PRNG (default 1)
  --vehicles <n>          generated vehicles besides the story vehicles
  --latency <ms>          added latency on every Maskinporten and Fiks call
  --max-bulk-size <n>     items per bulk request (default 100)
  --token-lifetime <s>    access-token expires_in (default 120)
  --quota <items>         daily items per integration (default: unlimited)
  --credentials-dir <dir> where the demo CA, certificates and keys go (default: temp dir)
  --print-env             print "export NAME=value" lines for the client
  --write-env <path>      also write those lines to a file once listening
  -h, --help              show this help

Deprecated:
  --env-file <path>       old name of --write-env, removed in 0.2.0. Node itself
                          reads --env-file anywhere on its command line and exits
                          ("node: <path>: not found", code 9) unless the file
                          already exists, so use --write-env.
`;

/** The old spelling of `--write-env`; kept for one minor version. */
const DEPRECATED_ENV_FILE_WARNING =
  'kjoretoyregister-simulator: --env-file is deprecated and will be removed in 0.2.0; use --write-env ' +
  '(Node reads --env-file itself and exits when the file does not exist yet)';

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        vehicles: { type: 'string' },
        latency: { type: 'string' },
        'max-bulk-size': { type: 'string' },
        'token-lifetime': { type: 'string' },
        quota: { type: 'string' },
        'credentials-dir': { type: 'string' },
        'print-env': { type: 'boolean' },
        'write-env': { type: 'string' },
        'env-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const options: SimulatorOptions = {};
  if (v.port !== undefined) options.port = integer(v.port, '--port');
  if (v.host !== undefined) options.host = v.host;
  if (v.seed !== undefined) options.seed = integer(v.seed, '--seed');
  if (v.vehicles !== undefined) options.vehicles = integer(v.vehicles, '--vehicles');
  if (v.latency !== undefined) options.latencyMs = integer(v.latency, '--latency');
  if (v['max-bulk-size'] !== undefined) options.maxBulkSize = integer(v['max-bulk-size'], '--max-bulk-size');
  if (v['token-lifetime'] !== undefined)
    options.tokenLifetimeSeconds = integer(v['token-lifetime'], '--token-lifetime');
  if (v.quota !== undefined) options.quota = { dailyItems: integer(v.quota, '--quota') };
  if (v['credentials-dir'] !== undefined) options.credentialsDir = v['credentials-dir'];
  const warnings: string[] = [];
  let writeEnv = v['write-env'];
  if (v['env-file'] !== undefined) {
    if (writeEnv !== undefined)
      throw new CliUsageError('--env-file is the old name of --write-env; give only --write-env');
    writeEnv = v['env-file'];
    warnings.push(DEPRECATED_ENV_FILE_WARNING);
  }
  return { options, printEnv: v['print-env'] ?? false, writeEnv, help: v.help ?? false, warnings };
}

function integer(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value)) throw new CliUsageError(`${flag} needs an integer, got "${value}"`);
  return Number(value);
}
