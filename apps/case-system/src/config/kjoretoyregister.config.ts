import { ConfigurationError, loadKeyMaterial } from '@kjoretoyregister/core';
import { fromEnv, type KjoretoyregisterModuleOptions } from '@kjoretoyregister/nestjs';
import { z } from 'zod';
import {
  applyRenames,
  envBoolean,
  envInt,
  isPlaceholderSecret,
  parseArea,
  type AreaResult,
  type ConfigIssue,
  type Environment,
  type RenamedVariable,
} from './env.js';

/** Why and under which law the register is asked; every audit row carries both. */
const DEFAULT_PURPOSE = 'HENSATT_KJORETOY';
const DEFAULT_LEGAL_BASIS = 'vegtrafikkloven § 37 / parkeringsforskriften § 38';

export interface LookupConfig {
  purpose: string;
  legalBasis: string;
  /** Store `fodselsnummer` in the owner projection (only when SVV released it). Default false. */
  includeFodselsnummer: boolean;
  /** Days from "owner found" to the notice deadline. */
  varselFristDager: number;
  worker: WorkerConfig;
}

interface WorkerConfig {
  enabled: boolean;
  pollIntervalMs: number;
  /** How long a claimed job stays invisible to other workers; renewed while the job runs. */
  leaseMs: number;
  /** Register requests (batches) one worker has in flight at once. */
  concurrency: number;
  /**
   * Due jobs claimed together and sent as one bulk request, each with its own case's `dtg`. At most
   * 100, a bulk request's limit (docs/contract.md#s4.2); 1 sends one request per case.
   */
  batchSize: number;
  /**
   * How long a claim that found fewer jobs than `batchSize` waits for more before sending, so a batch
   * fills under load; a lone case waits this long at most.
   */
  batchLingerMs: number;
  /** Claims per job before a retryable failure becomes FEILET. Quota waits do not count. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * Upper bound on a quota wait. Unset: wait the full `Retry-After` (until the quota resets at
   * Oslo midnight). Set it to re-probe sooner, e.g. after the quota was raised.
   */
  quotaWaitCapMs?: number;
}

/** The names before docs/glossary.md; they work until 0.2.0. */
const RENAMED: readonly RenamedVariable[] = [
  { old: 'OPPSLAG_FORMAL', current: 'AUDIT_PURPOSE' },
  { old: 'OPPSLAG_RETTSGRUNNLAG', current: 'AUDIT_LEGAL_BASIS' },
  { old: 'OPPSLAG_LAGRE_FODSELSNUMMER', current: 'INCLUDE_FODSELSNUMMER' },
];

const LookupEnvSchema = z.object({
  AUDIT_PURPOSE: z.string().trim().min(1).default(DEFAULT_PURPOSE),
  AUDIT_LEGAL_BASIS: z.string().trim().min(1).default(DEFAULT_LEGAL_BASIS),
  INCLUDE_FODSELSNUMMER: envBoolean.default(false),
  VARSEL_FRIST_DAGER: envInt(1, 365).default(14),
  WORKER_ENABLED: envBoolean.default(true),
  WORKER_POLL_INTERVAL_MS: envInt(10).default(1_000),
  WORKER_LEASE_MS: envInt(500).default(60_000),
  WORKER_CONCURRENCY: envInt(1, 64).default(4),
  WORKER_BATCH_SIZE: envInt(1, 100).default(100),
  WORKER_BATCH_LINGER_MS: envInt(0, 1_000).default(5),
  WORKER_MAX_ATTEMPTS: envInt(1, 100).default(6),
  WORKER_BACKOFF_BASE_MS: envInt(1).default(2_000),
  WORKER_BACKOFF_MAX_MS: envInt(1).default(10 * 60_000),
  WORKER_QUOTA_WAIT_CAP_MS: envInt(1).optional(),
});

export function lookupConfig(env: Environment): AreaResult<LookupConfig> {
  const renamed = applyRenames(env, RENAMED);
  const parsed = parseArea(LookupEnvSchema, renamed.env);
  if (!parsed.ok) {
    return { ok: false, issues: parsed.issues.map((i) => ({ ...i, variable: renamed.setAs(i.variable) })) };
  }
  const v = parsed.value;
  return {
    ok: true,
    deprecations: renamed.deprecations,
    value: {
      purpose: v.AUDIT_PURPOSE,
      legalBasis: v.AUDIT_LEGAL_BASIS,
      includeFodselsnummer: v.INCLUDE_FODSELSNUMMER,
      varselFristDager: v.VARSEL_FRIST_DAGER,
      worker: {
        enabled: v.WORKER_ENABLED,
        pollIntervalMs: v.WORKER_POLL_INTERVAL_MS,
        leaseMs: v.WORKER_LEASE_MS,
        concurrency: v.WORKER_CONCURRENCY,
        batchSize: v.WORKER_BATCH_SIZE,
        batchLingerMs: v.WORKER_BATCH_LINGER_MS,
        maxAttempts: v.WORKER_MAX_ATTEMPTS,
        backoffBaseMs: v.WORKER_BACKOFF_BASE_MS,
        backoffMaxMs: Math.max(v.WORKER_BACKOFF_MAX_MS, v.WORKER_BACKOFF_BASE_MS),
        quotaWaitCapMs: v.WORKER_QUOTA_WAIT_CAP_MS,
      },
    },
  };
}

/**
 * The register client's options, read by the module's `fromEnv` (the same variables as core's
 * `configFromEnv`: `FIKS_*`, `MASKINPORTEN_*`, `KJORETOY_ENV`). Core validates them and lists every
 * problem; they are merged into the app's one boot error.
 */
export function kjoretoyregisterConfig(
  env: Environment,
  production: boolean,
): AreaResult<KjoretoyregisterModuleOptions> {
  let options: KjoretoyregisterModuleOptions;
  try {
    options = fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      return { ok: false, issues: error.issues.map((i) => ({ variable: i.path, message: i.message })) };
    }
    throw error;
  }
  const issues: ConfigIssue[] = [];
  if (production) {
    if (isPlaceholderSecret(options.integrasjonPassord)) {
      issues.push({ variable: 'FIKS_INTEGRASJON_PASSORD', message: 'is a placeholder; not allowed in production' });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: options };
}

/** The variable that holds each key-material field (core's `configFromEnv` names). */
const KEY_MATERIAL_VARIABLES: Record<string, string> = {
  pkcs12: 'MASKINPORTEN_P12',
  password: 'MASKINPORTEN_P12_PASSWORD',
  certificate: 'MASKINPORTEN_CERT',
  privateKey: 'MASKINPORTEN_KEY',
  passphrase: 'MASKINPORTEN_KEY_PASSWORD',
  jwk: 'MASKINPORTEN_JWK',
  kid: 'MASKINPORTEN_KID',
};

/**
 * Loads the Maskinporten key material once at boot (file read, PKCS#12 decrypted, key parsed), so
 * a missing or unreadable `.p12` or a wrong password stops the app with the variable named instead
 * of surfacing on the first lookup. Core's issue messages name the problem, never the path or the
 * secret. The loaded key is dropped; the client loads its own.
 */
export async function keyMaterialIssues(options: KjoretoyregisterModuleOptions): Promise<ConfigIssue[]> {
  const input = options.maskinporten?.keyMaterial;
  if (!input) return [];
  try {
    await loadKeyMaterial(input, { optionPath: 'keyMaterial' });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return error.issues.map((issue) => ({
      variable: KEY_MATERIAL_VARIABLES[issue.path.split('.').at(-1) ?? ''] ?? 'MASKINPORTEN_P12',
      message: `${issue.message} (the Maskinporten key material could not be loaded)`,
    }));
  }
}
