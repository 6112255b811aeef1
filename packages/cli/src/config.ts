/**
 * Where the CLI's configuration comes from: flags > environment > `.env` file. Every layer uses
 * the variable names core's `configFromEnv` reads, so the CLI adds no second naming scheme: a flag
 * is the variable in kebab-case (`FIKS_ORG_ID` → `--fiks-org-id`).
 *
 * Passwords have no flag on purpose: command lines end up in shell history and `ps` output.
 */

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import {
  configFromEnv,
  createConsoleLogger,
  ENV_VARS,
  type AuditSink,
  type ClientOptions,
  type EnvVarName,
} from '@kjoretoyregister/core';
import { UsageError } from './usage-error.js';

export type Environment = Record<string, string | undefined>;

export interface ConfigFlag {
  env: EnvVarName;
  /** `--fiks-org-id <value>` */
  flag: string;
  /** Commander's attribute name for the flag, e.g. `fiksOrgId`. */
  attribute: string;
  description: string;
}

const DESCRIPTIONS: Partial<Record<EnvVarName, string>> = {
  KJORETOY_ENV: "preset: 'test' or 'prod' (sets Fiks and Maskinporten hosts together)",
  FIKS_API_URL: 'override the Fiks API base URL (e.g. the simulator)',
  FIKS_ORG_ID: 'Fiks organisation id (UUID) the lookups are made on behalf of',
  FIKS_INTEGRASJON_ID: 'Fiks integration id (UUID)',
  MASKINPORTEN_CLIENT_ID: 'Maskinporten client id (integration id in Samarbeidsportalen)',
  MASKINPORTEN_SCOPE: "scope(s), default 'ks:fiks'",
  MASKINPORTEN_ISSUER: 'override the Maskinporten issuer (grant audience, ends with /)',
  MASKINPORTEN_TOKEN_URL: 'override the Maskinporten token endpoint',
  MASKINPORTEN_CONSUMER_ORG: 'consumer_org for a supplier acting on behalf of an organisation',
  MASKINPORTEN_P12: 'virksomhetssertifikat as .p12/.pfx (path or base64)',
  MASKINPORTEN_CERT: 'certificate PEM (path, inline or base64)',
  MASKINPORTEN_KEY: 'private key PEM (path, inline or base64)',
  MASKINPORTEN_KID: 'kid of a key registered on the Maskinporten client',
  MASKINPORTEN_JWK: 'private JWK of the registered key (path or JSON)',
};

const SECRET = /PASSWORD|PASSORD/;

function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** One flag per non-secret variable core reads, named after it. */
export const CONFIG_FLAGS: readonly ConfigFlag[] = ENV_VARS.filter((name) => !SECRET.test(name)).map((env) => {
  const kebab = env.toLowerCase().replace(/_/g, '-');
  return { env, flag: `--${kebab} <value>`, attribute: camelCase(kebab), description: DESCRIPTIONS[env] ?? env };
});

export interface EnvironmentSources {
  /** Process environment. */
  processEnv: Readonly<Environment>;
  cwd: string;
  /** `--dotenv`: must exist when given; otherwise `.env` in `cwd` is read if present. */
  envFile?: string;
  /** Parsed command-line options; only `CONFIG_FLAGS` attributes are read. */
  flags: Readonly<Record<string, unknown>>;
}

/** Values of one `.env` file, via Node's own parser (`KEY=value`, quotes, `export KEY=`). */
function readEnvFile(path: string): Environment {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--dotenv: cannot read ${path}`);
  }
  return parseEnv(text);
}

/** Merges `.env` < process environment < flags; empty strings count as unset. */
export function resolveEnvironment(sources: EnvironmentSources): Environment {
  const defaultFile = resolve(sources.cwd, '.env');
  const fromFile =
    sources.envFile !== undefined
      ? readEnvFile(resolve(sources.cwd, sources.envFile))
      : existsSync(defaultFile)
        ? readEnvFile(defaultFile)
        : {};
  const merged: Environment = {};
  const layer = (values: Readonly<Environment>): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined && value.trim() !== '') merged[key] = value;
    }
  };
  layer(fromFile);
  layer(sources.processEnv);
  const fromFlags: Environment = {};
  for (const { env, attribute } of CONFIG_FLAGS) {
    const value = sources.flags[attribute];
    if (typeof value === 'string') fromFlags[env] = value;
  }
  layer(fromFlags);
  return merged;
}

export function isProd(env: Readonly<Environment>): boolean {
  return env['KJORETOY_ENV']?.trim() === 'prod';
}

export interface ClientOptionExtras {
  debug: boolean;
  auditSink?: AuditSink;
}

/**
 * Client options from the merged environment. In prod every lookup must carry an audit context
 * (who, why, legal basis), so core is told to refuse calls without one.
 *
 * @throws ConfigurationError listing every missing or invalid variable by name.
 */
export function clientOptionsFrom(env: Readonly<Environment>, extras: ClientOptionExtras): ClientOptions {
  return configFromEnv(env, {
    requireAuditContext: isProd(env),
    ...(extras.debug ? { logger: createConsoleLogger({ level: 'debug' }) } : {}),
    ...(extras.auditSink ? { auditSink: extras.auditSink } : {}),
  });
}

/** Values that must never be printed, even inside an error message from a dependency. */
export function secretValues(env: Readonly<Environment>): string[] {
  return Object.entries(env)
    .filter(([key, value]) => SECRET.test(key) && value !== undefined && value.length >= 4)
    .map(([, value]) => value as string);
}
