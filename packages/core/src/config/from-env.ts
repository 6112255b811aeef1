import { ConfigurationError, type ConfigurationIssue } from '../errors.js';
import type { z } from 'zod';
import { ClientOptionsSchema, type ClientOptions, type KeyMaterialOption } from './options.js';
import { mixedEnvironmentMessage } from './url-rules.js';

/** The environment variables `configFromEnv` reads; the simulator prints exactly these. */
export const ENV_VARS = [
  'KJORETOY_ENV',
  'FIKS_API_URL',
  'FIKS_ORG_ID',
  'FIKS_INTEGRASJON_ID',
  'FIKS_INTEGRASJON_PASSORD',
  'MASKINPORTEN_CLIENT_ID',
  'MASKINPORTEN_SCOPE',
  'MASKINPORTEN_ISSUER',
  'MASKINPORTEN_TOKEN_URL',
  'MASKINPORTEN_CONSUMER_ORG',
  'MASKINPORTEN_P12',
  'MASKINPORTEN_P12_PASSWORD',
  'MASKINPORTEN_CERT',
  'MASKINPORTEN_KEY',
  'MASKINPORTEN_KEY_PASSWORD',
  'MASKINPORTEN_KID',
  'MASKINPORTEN_JWK',
] as const;

export type EnvVarName = (typeof ENV_VARS)[number];

/**
 * Option path → environment variable, so option-level problems are reported by variable name.
 * Also the source of `ENV_FIELD_NAMES` (diagnostics/hints.ts): one table, never retyped.
 */
export const OPTION_TO_ENV: Readonly<Record<string, EnvVarName>> = {
  environment: 'KJORETOY_ENV',
  fiksApiUrl: 'FIKS_API_URL',
  fiksOrgId: 'FIKS_ORG_ID',
  integrasjonId: 'FIKS_INTEGRASJON_ID',
  integrasjonPassord: 'FIKS_INTEGRASJON_PASSORD',
  'maskinporten.clientId': 'MASKINPORTEN_CLIENT_ID',
  'maskinporten.scope': 'MASKINPORTEN_SCOPE',
  'maskinporten.issuer': 'MASKINPORTEN_ISSUER',
  'maskinporten.tokenUrl': 'MASKINPORTEN_TOKEN_URL',
  'maskinporten.consumerOrg': 'MASKINPORTEN_CONSUMER_ORG',
  'maskinporten.keyMaterial.pkcs12': 'MASKINPORTEN_P12',
  'maskinporten.keyMaterial.password': 'MASKINPORTEN_P12_PASSWORD',
  'maskinporten.keyMaterial.certificate': 'MASKINPORTEN_CERT',
  'maskinporten.keyMaterial.privateKey': 'MASKINPORTEN_KEY',
  'maskinporten.keyMaterial.passphrase': 'MASKINPORTEN_KEY_PASSWORD',
  'maskinporten.keyMaterial.kid': 'MASKINPORTEN_KID',
  'maskinporten.keyMaterial.jwk': 'MASKINPORTEN_JWK',
};

/**
 * Builds client options from environment variables. Throws one `ConfigurationError` that lists
 * every missing or invalid variable at once, by variable name. `overrides` are merged on top
 * (injectables such as a logger or transport).
 */
export function configFromEnv(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<ClientOptions> = {},
): ClientOptions {
  const read = (name: EnvVarName): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const issues: ConfigurationIssue[] = [];
  const need = (name: EnvVarName): string => {
    const value = read(name);
    if (value === undefined) issues.push({ path: name, message: 'is required' });
    return value ?? '';
  };

  const environment = read('KJORETOY_ENV') ?? 'test';
  if (environment !== 'test' && environment !== 'prod') {
    issues.push({ path: 'KJORETOY_ENV', message: "must be 'test' or 'prod'" });
  }

  const options = {
    environment: environment as 'test' | 'prod',
    fiksApiUrl: read('FIKS_API_URL'),
    fiksOrgId: need('FIKS_ORG_ID'),
    integrasjonId: need('FIKS_INTEGRASJON_ID'),
    integrasjonPassord: need('FIKS_INTEGRASJON_PASSORD'),
    maskinporten: {
      clientId: need('MASKINPORTEN_CLIENT_ID'),
      scope: read('MASKINPORTEN_SCOPE'),
      issuer: read('MASKINPORTEN_ISSUER'),
      tokenUrl: read('MASKINPORTEN_TOKEN_URL'),
      consumerOrg: read('MASKINPORTEN_CONSUMER_ORG'),
      keyMaterial: keyMaterialFromEnv(read, issues),
    },
    ...overrides,
  } satisfies Record<string, unknown>;

  const parsed = ClientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const name = OPTION_TO_ENV[path];
      // Missing required variables were already reported by name; don't repeat them.
      if (name && issues.some((i) => i.path === name)) continue;
      if (
        !name &&
        issues.some((i) => i.path.startsWith('MASKINPORTEN_')) &&
        path.startsWith('maskinporten.keyMaterial')
      )
        continue;
      issues.push({ path: name ?? path, message: envMessage(issue, options) });
    }
  }
  if (issues.length) throw new ConfigurationError(issues);
  return stripUndefined(options) as ClientOptions;
}

/** A mixed TEST/PROD issue names the environment by its variable too, so both fields are named alike. */
function envMessage(issue: z.core.$ZodIssue, options: { environment: 'test' | 'prod' }): string {
  if (issue.code !== 'custom' || issue.params?.['mixedEnvironment'] !== true) return issue.message;
  let value: unknown = options;
  for (const key of issue.path)
    value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  const name = OPTION_TO_ENV[issue.path.map(String).join('.')] ?? issue.path.join('.');
  const message =
    typeof value === 'string'
      ? mixedEnvironmentMessage(value, options.environment, 'KJORETOY_ENV', `unset ${name} and let KJORETOY_ENV choose`)
      : undefined;
  return message ?? issue.message;
}

function keyMaterialFromEnv(
  read: (name: EnvVarName) => string | undefined,
  issues: ConfigurationIssue[],
): KeyMaterialOption {
  const p12 = read('MASKINPORTEN_P12');
  const cert = read('MASKINPORTEN_CERT');
  const key = read('MASKINPORTEN_KEY');
  const kid = read('MASKINPORTEN_KID');
  const jwk = read('MASKINPORTEN_JWK');
  const chosen = [p12 && 'MASKINPORTEN_P12', cert && 'MASKINPORTEN_CERT', kid && 'MASKINPORTEN_KID'].filter(Boolean);
  if (chosen.length > 1) {
    issues.push({
      path: chosen.join(' + '),
      message: 'set only one key-material mode (p12, cert + key, or kid + key/jwk)',
    });
  }
  if (p12) {
    const password = read('MASKINPORTEN_P12_PASSWORD');
    if (password === undefined)
      issues.push({ path: 'MASKINPORTEN_P12_PASSWORD', message: 'is required with MASKINPORTEN_P12' });
    return { kind: 'pkcs12', pkcs12: p12, password: password ?? '' };
  }
  if (cert) {
    if (!key) issues.push({ path: 'MASKINPORTEN_KEY', message: 'is required with MASKINPORTEN_CERT' });
    return { kind: 'pem', certificate: cert, privateKey: key ?? '', passphrase: read('MASKINPORTEN_KEY_PASSWORD') };
  }
  if (kid) {
    if (!key && !jwk)
      issues.push({
        path: 'MASKINPORTEN_KEY',
        message: 'MASKINPORTEN_KEY or MASKINPORTEN_JWK is required with MASKINPORTEN_KID',
      });
    return { kind: 'key', kid, privateKey: key, passphrase: read('MASKINPORTEN_KEY_PASSWORD'), jwk };
  }
  issues.push({
    path: 'MASKINPORTEN_P12',
    message:
      'no key material: set MASKINPORTEN_P12 + MASKINPORTEN_P12_PASSWORD, or MASKINPORTEN_CERT + MASKINPORTEN_KEY, or MASKINPORTEN_KID + MASKINPORTEN_KEY/MASKINPORTEN_JWK',
  });
  return { kind: 'pkcs12', pkcs12: '', password: '' };
}

function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, stripUndefined(v)]),
  );
}
