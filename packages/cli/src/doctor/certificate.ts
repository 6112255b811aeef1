/**
 * Readings of key material and certificates for `kjoretoy doctor`: which step a key-loading
 * failure belongs to, which environment a certificate was issued for, and which environment a
 * host belongs to. Each is a real check on the data, not a guess from the configuration.
 */

import {
  ConfigurationError,
  OPTION_TO_ENV,
  PRESETS,
  type CertificateInfo,
  type Environment,
} from '@kjoretoyregister/core';

export type KeyFailure = 'unreadable' | 'mismatch' | 'validity';

/**
 * Core loads the key in one go and reports the first problem as a ConfigurationError; the message
 * tells which stage it reached (files read → key matched → dates checked).
 */
export function classifyKeyFailure(error: unknown): KeyFailure {
  if (!(error instanceof ConfigurationError)) return 'unreadable';
  const reasons = new Set(error.issues.map((issue) => issue.reason));
  if (reasons.has('key_mismatch')) return 'mismatch';
  if (reasons.has('certificate_expired') || reasons.has('certificate_not_yet_valid')) return 'validity';
  return 'unreadable';
}

/** `keyMaterial.password: wrong password …` → `MASKINPORTEN_P12_PASSWORD: wrong password …`. */
export function describeKeyIssues(error: unknown): string {
  if (!(error instanceof ConfigurationError)) return error instanceof Error ? error.message : String(error);
  return error.issues
    .map((issue) => {
      // Core's one option → variable table; key-material paths may come without the `maskinporten.` prefix.
      const name = OPTION_TO_ENV[issue.path] ?? OPTION_TO_ENV[`maskinporten.${issue.path}`] ?? issue.path;
      return `${name}: ${issue.message}`;
    })
    .join('; ');
}

export type CertificateEnvironment = 'test' | 'prod' | 'unknown';

/**
 * Buypass and Commfides name their test CAs with "Test"/"TEST" in the issuer (e.g. "Buypass
 * Class 3 Test4 CA 3", "Commfides … - TEST2"); their production CAs do not. Other issuers are
 * "unknown": we do not claim to know every qualified trust service provider.
 */
export function certificateEnvironment(certificate: CertificateInfo): CertificateEnvironment {
  if (/test/i.test(certificate.issuer)) return 'test';
  if (/buypass|commfides/i.test(certificate.issuer)) return 'prod';
  return 'unknown';
}

function isEnvironment(name: string): name is Environment {
  return Object.hasOwn(PRESETS, name);
}

/** The Fiks and Maskinporten hosts of each of core's presets. */
const HOSTS: ReadonlyMap<string, Environment> = new Map(
  Object.entries(PRESETS).flatMap(([name, preset]) =>
    isEnvironment(name)
      ? [preset.fiksApiUrl, preset.maskinportenIssuer, preset.maskinportenTokenUrl].map(
          (url): [string, Environment] => [new URL(url).hostname, name],
        )
      : [],
  ),
);

/** The environment a well-known KS or Digdir URL belongs to; other hosts (e.g. the simulator) have none. */
export function hostEnvironment(url: string | undefined): Environment | undefined {
  if (!url) return undefined;
  try {
    return HOSTS.get(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

const DAY_MS = 86_400_000;

export function validityText(certificate: CertificateInfo, now: number): string {
  const days = Math.floor((certificate.notAfter.getTime() - now) / DAY_MS);
  const date = (d: Date): string => d.toISOString().slice(0, 10);
  return `valid ${date(certificate.notBefore)} to ${date(certificate.notAfter)} (${days} days left)`;
}
