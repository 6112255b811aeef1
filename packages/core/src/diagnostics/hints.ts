/**
 * What to do about each failure, in the host's own words for its settings: one text per cause,
 * whose only variable part is how the host names its fields (environment variables for the CLI,
 * credential fields for n8n, option paths for Nest). Maskinporten codes follow docs/contract.md#s2.7,
 * Fiks answers docs/contract.md#s3.5, quota docs/contract.md#s7e and docs/contract.md#s9.8.
 *
 * Hints are lower-case phrases without a final full stop, so a host can add its own advice:
 *
 * ```ts
 * const hint = hintFor(error, N8N_FIELD_NAMES);
 * const shown = error instanceof QuotaExceededError ? `${hint}; turn off Retry On Fail for this node` : hint;
 * ```
 *
 * Host-specific advice (n8n's Retry On Fail, the CLI's `kjoretoy doctor`) belongs in that suffix,
 * never in core.
 */

import { isKjoretoyregisterError, type MaskinportenError } from '../errors.js';

/** Every configurable thing a hint may name, as core's option path. */
export const CONFIG_FIELDS = [
  'environment',
  'fiksApiUrl',
  'fiksOrgId',
  'integrasjonId',
  'integrasjonPassord',
  'maskinporten.clientId',
  'maskinporten.scope',
  'maskinporten.issuer',
  'maskinporten.tokenUrl',
  'maskinporten.consumerOrg',
  'maskinporten.keyMaterial',
  'maskinporten.keyMaterial.kid',
  'audit.actor',
  'audit.purpose',
  'audit.legalBasis',
  'proxy',
] as const;

export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** How this host names each field: env variable names (CLI), credential display names (n8n), option paths (Nest). */
export type FieldNames = Readonly<Record<ConfigField, string>>;

/** A complete `FieldNames` from one naming rule. */
export function fieldNames(nameOf: (field: ConfigField) => string): FieldNames {
  const names: Partial<Record<ConfigField, string>> = {};
  for (const field of CONFIG_FIELDS) names[field] = nameOf(field);
  return Object.freeze(names as Record<ConfigField, string>);
}

export function isConfigField(value: string): value is ConfigField {
  return (CONFIG_FIELDS as readonly string[]).includes(value);
}

/** Core's option paths, for hosts configured through `ClientOptions` (the Nest module). */
export const OPTION_FIELD_NAMES: FieldNames = fieldNames((field) => field);

/** What a hint may know beyond the error. */
export interface HintContext {
  /** The token's consumer organisation (decoded from it), named in the integration hint. */
  consumerOrg?: string;
  /** Which upstream a `TransportError` came from, so the hint names that URL only. */
  target?: 'maskinporten' | 'fiks';
}

const DIGDIR_TROUBLESHOOTING = 'https://docs.digdir.no/docs/Maskinporten/maskinporten_feilsoking';
const QUOTA_DOC = 'https://github.com/kjoretoyregister/kjoretoyregister/blob/main/docs/contract.md#s9.8';

/** docs/contract.md#s2.7: cause and fix per Maskinporten error code. */
function maskinportenCodeHints(f: FieldNames): Readonly<Record<string, string>> {
  return {
    'MP-100': `Maskinporten does not know the ${f['maskinporten.clientId']} in this environment: check it in Samarbeidsportalen; TEST and PROD clients are separate`,
    'MP-110': `wrong audience: ${f['maskinporten.issuer']} must be the issuer with its trailing slash (https://test.maskinporten.no/ or https://maskinporten.no/), never the token URL; or leave it unset and let ${f.environment} pick it`,
    'MP-120': `the certificate is not accepted in this environment: PROD Maskinporten rejects a TEST certificate and TEST rejects a PROD one; use the certificate issued for ${f.environment}`,
    'MP-121': `the registered key has expired (keys live one year): register a new key on the Maskinporten client and update ${f['maskinporten.keyMaterial.kid']} and the key`,
    'MP-122': `the certificate's organisation number is not the client's organisation: use the virksomhetssertifikat of the organisation that owns ${f['maskinporten.clientId']}`,
    'MP-123':
      'Maskinporten could not read the x5c header: the certificate must be sent as base64 DER in an array (a bug in this toolkit; please report it)',
    'MP-124': `invalid signature: the private key does not belong to the certificate, or not to the key registered under ${f['maskinporten.keyMaterial.kid']}`,
    'MP-130':
      "the grant had expired on arrival: this host's clock is wrong; synchronise it with NTP (Maskinporten allows 10 s)",
    'MP-011': `the grant is malformed: look for stray characters or line breaks in ${f['maskinporten.clientId']}, ${f['maskinporten.scope']} and ${f['maskinporten.consumerOrg']}`,
    'MP-012': 'the grant was used before (same jti): a proxy between this host and Maskinporten may be retrying POSTs',
    'MP-200': `the Maskinporten client is not granted the scope: add ks:fiks to ${f['maskinporten.clientId']} in Samarbeidsportalen (KS must have enabled ks:fiks for your organisation first)`,
    'MP-201': `the scope cannot be used with Maskinporten: ${f['maskinporten.scope']} must be ks:fiks`,
    'MP-250':
      'KS has not enabled ks:fiks for your organisation in this environment: email fiks@ksdigital.no with your organisation number (separately for TEST and PROD)',
    'MP-251': `${f['maskinporten.consumerOrg']} has not delegated ks:fiks to your organisation in Altinn: the consumer organisation must create the delegation`,
  };
}

/** docs/contract.md#s2.7: the MP code's fix, else what the description or status tells. */
export function maskinportenHint(error: MaskinportenError, fieldNames: FieldNames): string {
  const known = error.mpCode === undefined ? undefined : maskinportenCodeHints(fieldNames)[error.mpCode];
  if (known) return known;
  const description = error.errorDescription ?? '';
  if (/issue time is after now/i.test(description)) {
    return "this host's clock is ahead of Maskinporten by more than 10 s: synchronise it with NTP";
  }
  if (/consumer_org/i.test(description)) {
    return `${fieldNames['maskinporten.consumerOrg']} is set to your own organisation: set it only when acting for another organisation`;
  }
  if (error.status !== undefined && error.status >= 500) {
    return 'Maskinporten is unavailable right now: try again later (status.digdir.no)';
  }
  return `see the Maskinporten error text and ${DIGDIR_TROUBLESHOOTING}`;
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * An issue path as the host's field name: an option path names its field (or the nearest field
 * above it); an environment variable from `configFromEnv` names itself, which is what the hosts
 * configured by those variables call it (`ENV_FIELD_NAMES`), and `MASKINPORTEN_P12_PASSWORD` is
 * more exact than the key-material group. No table of variables here: the host entry carries none.
 */
function fieldOfPath(path: string, f: FieldNames): string {
  let current = path.replace(/^defaultAuditContext\./, 'audit.');
  for (;;) {
    if (isConfigField(current)) return f[current];
    const dot = current.lastIndexOf('.');
    if (dot < 0) return path;
    current = current.slice(0, dot);
  }
}

/** docs/contract.md#s3.5: Fiks never says which of the integration checks failed, so name all three. */
function integrationHint(f: FieldNames, consumerOrg: string | undefined): string {
  const consumer = consumerOrg
    ? ` (${consumerOrg})`
    : ` (the certificate's organisation, or ${f['maskinporten.consumerOrg']} when set)`;
  return `Fiks rejected the integration («Autentisering feilet for integrasjon»): ${f.integrasjonId} is unknown, ${f.integrasjonPassord} is wrong, or the token's consumer organisation${consumer} is not the integration's autorisert organisasjon; Fiks does not say which, so check all three in Fiks forvaltning`;
}

/** docs/contract.md#s3.5: a 403 is a missing grant or activation, or the wrong organisation. */
function accessHint(f: FieldNames): string {
  return `authenticated, but the integration has no access to Kjøretøyregister for ${f.fiksOrgId}: grant the integration access to the service and activate Kjøretøyregister for the organisation in Fiks Konfigurasjon (forvaltning.fiks.ks.no/fiks-konfigurasjon/tjenester); check that ${f.fiksOrgId} is the organisation the integration belongs to`;
}

/**
 * CONTRACT-ASSUMPTION (h): a 403/404 from a search KS does not document. A 403 is still most likely
 * the missing grant; a 404 is no grant problem at all, so it gets the assumption and the wrong path.
 */
function searchNotExposedHint(endpoint: string, status: number | undefined, f: FieldNames): string {
  const notForwarded = `Fiks may not forward sok/${endpoint} to this integration (an assumption: KS documents only sok/eiernavn); ask KS (fiks-utvikling@ksdigital.no) whether sok/${endpoint} is open for it, or search by eiernavn instead`;
  if (status === 404) return `${notForwarded}; if lookups answer 404 too, ${f.fiksApiUrl} or ${f.fiksOrgId} is wrong`;
  return `${accessHint(f)}; if lookups work, ${notForwarded}`;
}

function transportHint(failure: 'network' | 'timeout' | 'aborted', f: FieldNames, target: HintContext['target']) {
  if (failure === 'aborted') return 'interrupted: the call was cancelled before an answer arrived';
  const who = target === 'fiks' ? 'Fiks' : target === 'maskinporten' ? 'Maskinporten' : 'the server';
  const where =
    target === 'fiks'
      ? f.fiksApiUrl
      : target === 'maskinporten'
        ? f['maskinporten.tokenUrl']
        : `${f.fiksApiUrl} and ${f['maskinporten.tokenUrl']}`;
  return failure === 'timeout'
    ? `${who} did not answer in time: check ${where}, the network and ${f.proxy}`
    : `${who} could not be reached: check ${where} and the network; behind a proxy, check ${f.proxy}`;
}

/**
 * A short "what now" for any core error, naming fields by the host's names; undefined when there
 * is nothing useful to add (a validation error already says which input is wrong).
 */
export function hintFor(error: unknown, fieldNames: FieldNames, context: HintContext = {}): string | undefined {
  if (!isKjoretoyregisterError(error)) return undefined;
  const f = fieldNames;
  switch (error.code) {
    case 'KJR_MASKINPORTEN':
      return maskinportenHint(error, f);
    case 'KJR_FIKS_AUTHENTICATION':
      return error.kind === 'token'
        ? `Fiks could not validate the access token («Klarte ikke å validere access_token»): a token from the other environment (check ${f.environment} against ${f.fiksApiUrl}), a Maskinporten client without the ks:fiks scope, or an expired token; KS advises fetching a new token right before the call`
        : integrationHint(f, context.consumerOrg);
    case 'KJR_FORBIDDEN':
      if (error.searchEndpoint !== undefined) return searchNotExposedHint(error.searchEndpoint, error.status, f);
      return accessHint(f);
    case 'KJR_QUOTA_EXCEEDED': {
      const until = error.resetsAt ? error.resetsAt.toISOString() : 'midnight (Norwegian time)';
      return `the daily lookup quota of this integration is spent until ${until}; lookups are never retried automatically, and the register should not be polled from a schedule (${QUOTA_DOC})`;
    }
    case 'KJR_RATE_LIMITED':
      return 'rate limited: wait and try again, or make fewer lookups at a time';
    case 'KJR_UPSTREAM': {
      if (error.status === 404) return `${f.fiksApiUrl} or ${f.fiksOrgId} is wrong (the path does not exist)`;
      const ids = [
        error.errorId && `errorId ${error.errorId} (KS: fiks-utvikling@ksdigital.no)`,
        error.svvguid && `svvguid ${error.svvguid} (SVV: api-kjoretoy@vegvesen.no)`,
      ].filter(Boolean);
      return `the register or Fiks failed; try again later${ids.length > 0 ? `, and give support ${ids.join(', ')}` : ''}`;
    }
    case 'KJR_TRANSPORT':
      return transportHint(error.failure, f, context.target);
    case 'KJR_CONFIGURATION': {
      const names = [...new Set(error.issues.map((issue) => fieldOfPath(issue.path, f)))];
      return names.length > 0 ? `fix ${list(names)} as the error describes` : undefined;
    }
    case 'KJR_AUDIT_CONTEXT_REQUIRED': {
      const missing = error.missing.map((field) => fieldOfPath(`audit.${field}`, f));
      return `this call is audited: give ${list(missing.length > 0 ? missing : [f['audit.actor'], f['audit.purpose'], f['audit.legalBasis']])}`;
    }
    case 'KJR_AUDIT_WRITE':
      return `the audit store could not record the lookup before it was sent, so nothing was sent: fix the audit sink (it logs why${error.sinkErrorName ? `, a ${error.sinkErrorName}` : ''}) and try again`;
    default:
      return undefined;
  }
}
