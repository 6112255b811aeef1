/**
 * Every assumption of docs/contract.md#s7 that is a constant lives here, so a real response that
 * contradicts one changes this file (and docs/contract.md#s7) only. Parsing of the bulk envelope lives in
 * `envelope.ts`, the only reader of that shape.
 */

/** CONTRACT-ASSUMPTION (c): max items per bulk POST is unknown; configurable, default 100. */
export const DEFAULT_MAX_BULK_SIZE = 100;

/**
 * CONTRACT-ASSUMPTION (a): an element without `kjoretoy` whose `responskoder` hold this code is
 * "unavailable" (exists, not released to this consumer); any other element without `kjoretoy` is
 * "not found", whatever its code.
 */
export const UNAVAILABLE_RESPONSKODE = 'OPPLYSNINGER_UTILGJENGELIG';

/** CONTRACT-ASSUMPTION (e): quota exhausted. Never retried automatically. */
export const QUOTA_EXCEEDED_STATUS = 422;
/** CONTRACT-ASSUMPTION (e): rate limited; retried only within the Retry-After ceiling. */
export const RATE_LIMITED_STATUS = 429;
/** CONTRACT-ASSUMPTION (e): remaining quota may be surfaced in a body field or header of this name. */
export const REMAINING_QUOTA_FIELD = 'gjenstaendeKvote';

/** CONTRACT-ASSUMPTION (f): SVV correlation id, searched case-insensitively at any depth and in headers. */
export const SVVGUID_FIELD = 'svvguid';

/** CONTRACT-ASSUMPTION (g): always send an explicit page size; `fra` is 1-based. */
export const DEFAULT_SEARCH_PAGE_SIZE = 50;
export const FIRST_ROW = 1;

/**
 * CONTRACT-ASSUMPTION (i) and docs/contract.md#s3.5: a 401 whose message or raw body contains this text is a token
 * problem (evict and retry once); any other 401 is an integration problem.
 */
export const FIKS_TOKEN_REJECTED_TEXT = 'Klarte ikke å validere access_token';

/** CONTRACT-ASSUMPTION (h): a 403/404 on a search endpoint means "not available through Fiks". */
export const SEARCH_NOT_EXPOSED_STATUSES: readonly number[] = [403, 404];

/** CONTRACT-ASSUMPTION (d): the VIN GET takes `dtg` as a query parameter. */
export const VIN_DTG_QUERY_PARAM = 'dtg';

/**
 * CONTRACT-ASSUMPTION (j): the MP code sits somewhere in `error_description` or the raw text (docs/contract.md#s2.7).
 */
export const MASKINPORTEN_CODE_PATTERN = /MP-\d{3}/;
