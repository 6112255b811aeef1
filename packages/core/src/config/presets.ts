/**
 * Environment presets and named defaults: one table. A preset sets the Fiks host and the
 * Maskinporten issuer and token endpoint together so they can never be mixed (docs/contract.md#s3.2).
 */

export type Environment = 'test' | 'prod';

export interface EnvironmentPreset {
  fiksApiUrl: string;
  /** Maskinporten issuer, with the trailing slash: also the grant `aud` (docs/contract.md#s2.1). */
  maskinportenIssuer: string;
  maskinportenTokenUrl: string;
}

export const PRESETS: Readonly<Record<Environment, EnvironmentPreset>> = Object.freeze({
  test: {
    fiksApiUrl: 'https://api.fiks.test.ks.no',
    maskinportenIssuer: 'https://test.maskinporten.no/',
    maskinportenTokenUrl: 'https://test.maskinporten.no/token',
  },
  prod: {
    fiksApiUrl: 'https://api.fiks.ks.no',
    maskinportenIssuer: 'https://maskinporten.no/',
    maskinportenTokenUrl: 'https://maskinporten.no/token',
  },
});

export const DEFAULT_SCOPE = 'ks:fiks';
/** Fiks path prefix; the SVV path follows it unchanged (docs/contract.md#s4.1). */
export const KJORETOYREGISTER_BASE_PATH = '/kjoretoyregister/api';
export const SVV_PATH_PREFIX = '/rest/distribusjon/kjoretoy/v2.0';

/** docs/contract.md#s2.4: exp − iat ≤ 120. */
export const GRANT_LIFETIME_SECONDS = 120;
/** docs/contract.md#s2.8 / docs/contract.md#s9.1: evict this long before `expires_in` runs out. */
export const DEFAULT_TOKEN_EXPIRY_MARGIN_MS = 10_000;
/** docs/contract.md#s9.15: 10 s for the token call, 30 s for Fiks. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_BULK_CONCURRENCY = 4;
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
export const DEFAULT_RETRY_MAX_DELAY_MS = 5_000;
/** docs/contract.md#s7e: a 429 is retried only when `Retry-After` is within this ceiling. */
export const DEFAULT_RETRY_AFTER_CEILING_MS = 30_000;
