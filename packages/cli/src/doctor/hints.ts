/**
 * What to do about each failure the chain can produce, in the user's terms: which variable, which
 * portal, whom to email. Maskinporten codes follow docs/contract.md#s2.7, Fiks answers docs/contract.md#s3.5.
 */

import {
  AuditContextRequiredError,
  ConfigurationError,
  FiksAuthenticationError,
  ForbiddenError,
  KjoretoyregisterError,
  MaskinportenError,
  QuotaExceededError,
  RateLimitError,
  TransportError,
  UpstreamError,
} from '@kjoretoyregister/core';

/** docs/contract.md#s2.7: cause and fix per Maskinporten error code. */
export const MASKINPORTEN_HINTS: Readonly<Record<string, string>> = {
  'MP-100':
    'Maskinporten does not know MASKINPORTEN_CLIENT_ID in this environment: check the client id in Samarbeidsportalen; TEST and PROD clients are separate',
  'MP-110':
    'wrong audience: MASKINPORTEN_ISSUER must be the issuer with its trailing slash (https://test.maskinporten.no/ or https://maskinporten.no/), never the token URL; or leave it unset and let KJORETOY_ENV pick it',
  'MP-120':
    'the certificate is not accepted in this environment: a TEST certificate is rejected by PROD Maskinporten and a PROD certificate by TEST; use the certificate issued for KJORETOY_ENV',
  'MP-121':
    'the registered key has expired (keys live one year): register a new key on the client and update MASKINPORTEN_KID and the key',
  'MP-122':
    "the certificate's organisation number is not the client's organisation: use the virksomhetssertifikat of the organisation that owns MASKINPORTEN_CLIENT_ID",
  'MP-123':
    'Maskinporten could not read the x5c header: the certificate must be sent as base64 DER in an array (a client bug; report it)',
  'MP-124':
    'invalid signature: the signing key does not belong to the certificate or to the key registered under MASKINPORTEN_KID',
  'MP-130':
    'the grant has expired on arrival: the host clock is wrong; synchronise it with NTP (Maskinporten allows 10 s)',
  'MP-011': 'the grant is malformed (stray line breaks or characters in a variable?)',
  'MP-012': 'the grant was used before (same jti): a replayed request; check for a proxy that retries POSTs',
  'MP-200':
    'the client is not granted the scope: add ks:fiks to MASKINPORTEN_CLIENT_ID in Samarbeidsportalen (KS must have enabled ks:fiks for your organisation first)',
  'MP-201': 'the scope cannot be used with Maskinporten: MASKINPORTEN_SCOPE must be ks:fiks',
  'MP-250':
    'KS has not enabled ks:fiks for your organisation in this environment: email fiks@ksdigital.no with your organisation number (separately for TEST and PROD)',
  'MP-251':
    'MASKINPORTEN_CONSUMER_ORG has not delegated ks:fiks to your organisation in Altinn: the consumer organisation must create the delegation',
};

export function maskinportenHint(error: MaskinportenError): string {
  const known = error.mpCode === undefined ? undefined : MASKINPORTEN_HINTS[error.mpCode];
  if (known) return known;
  const description = error.errorDescription ?? '';
  if (/issue time is after now/i.test(description)) {
    return 'the host clock is ahead of Maskinporten by more than 10 s: synchronise it with NTP';
  }
  if (/consumer_org/i.test(description)) {
    return 'MASKINPORTEN_CONSUMER_ORG is set to your own organisation: set it only when acting for another organisation';
  }
  if (error.status !== undefined && error.status >= 500) {
    return 'Maskinporten is unavailable right now: try again later (status.digdir.no)';
  }
  return 'see the Maskinporten error text above and https://docs.digdir.no/docs/Maskinporten/maskinporten_feilsoking';
}

/** docs/contract.md#s3.5: Fiks never says which of the integration checks failed, so name all three. */
export function fiksHint(error: KjoretoyregisterError, consumerOrg?: string): string | undefined {
  if (error instanceof FiksAuthenticationError) {
    if (error.kind === 'token') {
      return 'Fiks could not validate the access token («Klarte ikke å validere access_token»): a token from the other environment (KJORETOY_ENV vs FIKS_API_URL), a token without ks:fiks, or an expired token; KS advises fetching a new token right before the call';
    }
    const org = consumerOrg ? ` (${consumerOrg})` : '';
    return `Fiks rejected the integration («Autentisering feilet for integrasjon»): FIKS_INTEGRASJON_ID is unknown, FIKS_INTEGRASJON_PASSORD is wrong, or the token's consumer organisation${org} is not the integration's autorisert organisasjon; Fiks does not say which, so check all three in Fiks forvaltning`;
  }
  if (error instanceof ForbiddenError) {
    return 'authenticated, but the integration has no access to Kjøretøyregister for FIKS_ORG_ID: grant the integration access to the service and activate Kjøretøyregister for the organisation in Fiks Konfigurasjon (forvaltning.fiks.ks.no/fiks-konfigurasjon/tjenester); check that FIKS_ORG_ID is the organisation the integration belongs to';
  }
  if (error instanceof QuotaExceededError) {
    const when = error.resetsAt ? ` until ${error.resetsAt.toISOString()}` : '';
    return `the lookup quota is spent${when}; lookups are not retried automatically`;
  }
  if (error instanceof RateLimitError) {
    return 'rate limited: wait and try again, or lower the number of parallel lookups';
  }
  if (error instanceof UpstreamError) {
    if (error.status === 404) return 'FIKS_API_URL or FIKS_ORG_ID is wrong (the path does not exist)';
    const ids = [
      error.errorId && `errorId ${error.errorId} (KS: fiks-utvikling@ksdigital.no)`,
      error.svvguid && `svvguid ${error.svvguid} (SVV: api-kjoretoy@vegvesen.no)`,
    ]
      .filter(Boolean)
      .join(', ');
    return `the register failed${ids ? `; give support ${ids}` : ''}`;
  }
  return undefined;
}

export function transportHint(error: TransportError, what: string): string {
  if (error.failure === 'timeout')
    return `${what} did not answer in time: check the URL, the network, and HTTPS_PROXY/NO_PROXY`;
  if (error.failure === 'aborted') return 'interrupted';
  return `${what} could not be reached: check the URL and the network; behind a proxy set HTTPS_PROXY (and NO_PROXY)`;
}

/** A short "what now" for any error, for the one-line error output. */
export function hintFor(error: unknown): string | undefined {
  if (error instanceof MaskinportenError) return maskinportenHint(error);
  if (error instanceof TransportError) return transportHint(error, 'the server');
  if (error instanceof AuditContextRequiredError) return 'pass --aktor, --formal and --hjemmel';
  if (error instanceof ConfigurationError) return 'run `kjoretoy doctor` to check the whole setup';
  if (error instanceof KjoretoyregisterError) return fiksHint(error);
  return undefined;
}
