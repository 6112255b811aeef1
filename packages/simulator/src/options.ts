import type { Clock } from './clock.js';
import { DEFAULT_MAX_BULK_SIZE } from './contract-assumptions.js';
import type { Faults } from './faults/faults.js';
import { validateFaults } from './faults/validate-faults.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds the vehicle data and the fault PRNG. Default 1. */
  seed?: number;
  /** Number of generated vehicles besides the story vehicles. */
  vehicles?: number;
  /** Shorthand for `faults.latency.fixedMs`. */
  latencyMs?: number;
  /** CONTRACT-ASSUMPTION (c): default 100. */
  maxBulkSize?: number;
  /** `expires_in` of issued access tokens. Default 120 (docs/contract.md#s2.5). */
  tokenLifetimeSeconds?: number;
  /** Faults active from the start; `reset()` returns to these. */
  faults?: Faults;
  /** Shorthand for `faults.quota`: items per integration per Oslo day. */
  quota?: { dailyItems: number };
  /** Where the demo CA, certificates and keys are written. Default: a fresh temp dir, removed by `stop()`. */
  credentialsDir?: string;
  /** The simulator's "now" in epoch ms. Tests inject it; clock-skew faults shift it. */
  clock?: Clock;
}

interface ResolvedOptions {
  port: number;
  host: string;
  seed: number;
  vehicles: number | undefined;
  maxBulkSize: number;
  tokenLifetimeSeconds: number;
  faults: Faults;
  credentialsDir: string | undefined;
  clock: Clock | undefined;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_SEED = 1;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 120;

/** Wrong option types fail here, naming the option. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TypeError('port must be an integer 0..65535');
  const host = options.host ?? DEFAULT_HOST;
  if (typeof host !== 'string' || host === '') throw new TypeError('host must be a non-empty string');
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new TypeError('seed must be an integer');
  if (options.vehicles !== undefined && (!Number.isInteger(options.vehicles) || options.vehicles < 0)) {
    throw new TypeError('vehicles must be a non-negative integer');
  }
  const maxBulkSize = positiveInteger(options.maxBulkSize, DEFAULT_MAX_BULK_SIZE, 'maxBulkSize');
  const tokenLifetimeSeconds = positiveInteger(
    options.tokenLifetimeSeconds,
    DEFAULT_TOKEN_LIFETIME_SECONDS,
    'tokenLifetimeSeconds',
  );
  const faults = validateFaults({ ...(options.faults ?? {}) });
  if (options.latencyMs !== undefined) {
    if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0) throw new TypeError('latencyMs must be >= 0');
    faults.latency = { ...faults.latency, fixedMs: options.latencyMs };
  }
  if (options.quota !== undefined)
    faults.quota = validateFaults({ quota: options.quota }).quota as { dailyItems: number };
  if (
    options.credentialsDir !== undefined &&
    (typeof options.credentialsDir !== 'string' || options.credentialsDir === '')
  ) {
    throw new TypeError('credentialsDir must be a non-empty string');
  }
  if (options.clock !== undefined && typeof options.clock !== 'function')
    throw new TypeError('clock must be a function');
  return {
    port,
    host,
    seed,
    vehicles: options.vehicles,
    maxBulkSize,
    tokenLifetimeSeconds,
    faults,
    credentialsDir: options.credentialsDir,
    clock: options.clock,
  };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer`);
  return value;
}
