/**
 * What to do about each failure, in the credential's own field names: the same diagnosis as
 * `kjoretoy doctor` (packages/cli/src/doctor/hints.ts), phrased for the n8n credential form.
 * Maskinporten codes follow docs/contract.md#s2.7, Fiks answers docs/contract.md#s3.5, quota docs/contract.md#s7e and
 * docs/contract.md#s9.8.
 */

import { isKjoretoyregisterError } from '@kjoretoyregister/core';

/** docs/contract.md#s2.7: cause and fix per Maskinporten error code. */
export const MASKINPORTEN_HINTS: Readonly<Record<string, string>> = {
  'MP-100':
    'Maskinporten does not know the Maskinporten Client ID in this environment: check it in Samarbeidsportalen; TEST and PROD clients are separate',
  'MP-110':
    'wrong audience: Maskinporten Issuer must be the issuer with its trailing slash (https://test.maskinporten.no/ or https://maskinporten.no/), never the token URL',
  'MP-120':
    'the certificate is not accepted in this environment: PROD Maskinporten rejects a TEST certificate and TEST rejects a PROD one; use the certificate issued for the selected Environment',
  'MP-121': 'the registered key has expired: register a new key on the Maskinporten client',
  'MP-122':
    "the certificate's organisation number is not the client's organisation: use the virksomhetssertifikat of the organisation that owns the Maskinporten Client ID",
  'MP-123': 'Maskinporten could not read the x5c header (a bug in this node; please report it)',
  'MP-124': 'invalid signature: the private key does not belong to the certificate',
  'MP-130': 'the grant had expired on arrival: the n8n host clock is wrong; synchronise it with NTP',
  'MP-011': 'the grant is malformed: look for stray characters or line breaks in the credential fields',
  'MP-012': 'the grant was used before: a proxy between n8n and Maskinporten may be retrying POSTs',
  'MP-200':
    'the Maskinporten client is not granted the scope: add ks:fiks to the client in Samarbeidsportalen (KS must have enabled ks:fiks for your organisation first)',
  'MP-201': 'the scope cannot be used with Maskinporten: Scope must be ks:fiks',
  'MP-250':
    'KS has not enabled ks:fiks for your organisation in this environment: email fiks@ksdigital.no with your organisation number (separately for TEST and PROD)',
  'MP-251':
    'the Consumer Organisation has not delegated ks:fiks to your organisation in Altinn: the consumer organisation must create the delegation',
};

export const FIKS_HINTS = {
  token:
    'Fiks could not validate the access token («Klarte ikke å validere access_token»): a token from the other environment (check Environment), a client without the ks:fiks scope, or an expired token',
  integration:
    "Fiks rejected the integration («Autentisering feilet for integrasjon»): IntegrasjonId is unknown, IntegrasjonPassord is wrong, or the token's consumer organisation (the certificate's organisation, or Consumer Organisation when set) is not the integration's autorisert organisasjon; Fiks does not say which, so check all three in Fiks forvaltning",
  forbidden:
    'authenticated, but the integration has no access to Kjøretøyregister for this Fiks Organisation ID: grant the integration access to the service and activate Kjøretøyregister for the organisation in Fiks Konfigurasjon (forvaltning.fiks.ks.no/fiks-konfigurasjon/tjenester)',
  notFound: 'Fiks API URL or Fiks Organisation ID is wrong: the path does not exist',
  rateLimited: 'rate limited: wait and try again, or send fewer items per execution',
  unavailable: 'the register or Fiks failed; try again later',
} as const;

export function maskinportenHint(mpCode: string | undefined, description: string, status: number | undefined): string {
  const known = mpCode === undefined ? undefined : MASKINPORTEN_HINTS[mpCode];
  if (known) return known;
  if (/issue time is after now/i.test(description)) {
    return 'the n8n host clock is ahead of Maskinporten by more than 10 s: synchronise it with NTP';
  }
  if (/consumer_org/i.test(description)) {
    return 'Consumer Organisation is set to your own organisation: set it only when acting for another organisation';
  }
  if (status !== undefined && status >= 500) return 'Maskinporten is unavailable right now: try again later';
  return 'see https://docs.digdir.no/docs/Maskinporten/maskinporten_feilsoking';
}

/** A short "what now" for any core error; undefined when there is nothing useful to add. */
export function hintFor(error: unknown): string | undefined {
  if (!isKjoretoyregisterError(error)) return undefined;
  switch (error.code) {
    case 'KJR_MASKINPORTEN':
      return maskinportenHint(error.mpCode, error.errorDescription ?? '', error.status);
    case 'KJR_FIKS_AUTHENTICATION':
      return error.kind === 'token' ? FIKS_HINTS.token : FIKS_HINTS.integration;
    case 'KJR_FORBIDDEN':
      return FIKS_HINTS.forbidden;
    case 'KJR_QUOTA_EXCEEDED': {
      const when = error.resetsAt ? ` until ${error.resetsAt.toISOString()}` : ' until midnight (Norwegian time)';
      return `the daily lookup quota of this integration is spent${when}. This node never retries a quota answer; turn off Retry On Fail for it, and do not poll the register from a schedule (see https://github.com/kjoretoyregister/kjoretoyregister/blob/main/docs/contract.md#s9.8)`;
    }
    case 'KJR_RATE_LIMITED':
      return FIKS_HINTS.rateLimited;
    case 'KJR_UPSTREAM': {
      if (error.status === 404) return FIKS_HINTS.notFound;
      const ids = [
        error.errorId && `errorId ${error.errorId} (KS: fiks-utvikling@ksdigital.no)`,
        error.svvguid && `svvguid ${error.svvguid} (SVV: api-kjoretoy@vegvesen.no)`,
      ].filter(Boolean);
      return ids.length > 0 ? `${FIKS_HINTS.unavailable}; give support ${ids.join(', ')}` : FIKS_HINTS.unavailable;
    }
    case 'KJR_TRANSPORT':
      return error.failure === 'timeout'
        ? 'the server did not answer in time: check the URLs in the credential and the network (proxy settings of the n8n host)'
        : 'the server could not be reached: check the URLs in the credential and the network';
    case 'KJR_CONFIGURATION':
      return 'fix the named fields in the Fiks Kjøretøyregister API credential';
    case 'KJR_AUDIT_CONTEXT_REQUIRED':
      return 'fill in the Audit fields (Purpose, Legal Basis)';
    default:
      return undefined;
  }
}
