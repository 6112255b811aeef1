/**
 * The simulator's copy of the decisions in docs/contract.md#s7.
 *
 * The simulator must not import @kjoretoyregister/core (it is an independent
 * implementation of the contract), so each assumption lives here once, and
 * every simulator module reads it from this file. When a real SVV/Fiks response
 * contradicts an assumption, change it here and in docs/contract.md#s7.
 */

/** A single SVV functional message (docs/contract.md#s5.1). */
export interface Responskode {
  kode: string;
  beskrivelse: string;
}

// CONTRACT-ASSUMPTION (a): B1/B2 answer 200 with a JSON array of
// KjoretoyResponse, one element per requested item, in request order
// (svv/bulk.ts builds it).

// CONTRACT-ASSUMPTION (a): a not-found item is an element without `kjoretoy`
// carrying this one responskode. The code is OUR placeholder, not a confirmed SVV code.
export const KJORETOY_IKKE_FUNNET: Responskode = {
  kode: 'KJORETOY_IKKE_FUNNET',
  beskrivelse: 'Fant ikke kjøretøy',
};

// CONTRACT-ASSUMPTION (a): an item whose vehicle exists but whose data is not
// released to the consumer (successor API's test environment behaviour).
export const OPPLYSNINGER_UTILGJENGELIG: Responskode = {
  kode: 'OPPLYSNINGER_UTILGJENGELIG',
  beskrivelse: 'Opplysninger om kjøretøyet er ikke tilgjengelige',
};

/** Builds the element for an item that was not found (CONTRACT-ASSUMPTION (a)). */
export function notFoundElement(): { responskoder: Responskode[] } {
  return { responskoder: [{ ...KJORETOY_IKKE_FUNNET }] };
}

/** Builds the element for an item that is unavailable (CONTRACT-ASSUMPTION (a)). */
export function unavailableElement(): { responskoder: Responskode[] } {
  return { responskoder: [{ ...OPPLYSNINGER_UTILGJENGELIG }] };
}

// CONTRACT-ASSUMPTION (b): B2's body is `[{ "kuid": string, "dtg"?: date-time }]`,
// mirroring B1's `[{ "kjennemerke": string, "dtg"?: date-time }]`.
export const BULK_ITEM_KEY = { kjennemerke: 'kjennemerke', kuid: 'kuid' } as const;
export const BULK_ITEM_DTG_KEY = 'dtg' as const;

// CONTRACT-ASSUMPTION (c): the real limit is unknown; configurable, default 100.
export const DEFAULT_MAX_BULK_SIZE = 100;

// CONTRACT-ASSUMPTION (c): a request above the limit is rejected with 400
// (successor wording: "Antall elementer i request overstiger maks antall lovlig").
export const BULK_TOO_LARGE_STATUS = 400;
export const BULK_TOO_LARGE: Responskode = {
  kode: 'FOR_MANGE_ELEMENTER',
  beskrivelse: 'Antall elementer i request overstiger maks antall lovlig',
};

// Request-validation responskode for a malformed bulk body or search parameter
// (docs/contract.md#s4.6: 400 bodies carry only `responskoder`). The code is ours.
export const UGYLDIG_FORESPORSEL = 'UGYLDIG_FORESPORSEL' as const;

// CONTRACT-ASSUMPTION (d): GET bulk/understellsnummer/{vin} takes an optional
// `?dtg=` query parameter and answers the same array envelope as (a), 0..n
// elements because a VIN may match several vehicles.
export const VIN_DTG_QUERY_PARAM = 'dtg' as const;

// CONTRACT-ASSUMPTION (e): quota exhausted → 422 + Retry-After (no auto-retry);
// burst/rate limit → 429 + Retry-After. The platform layer applies these.
export const QUOTA_EXCEEDED_STATUS = 422;
export const RATE_LIMITED_STATUS = 429;
export const RETRY_AFTER_HEADER = 'Retry-After' as const;
export const GJENSTAENDE_KVOTE_HEADER = 'gjenstaendeKvote' as const;
export const QUOTA_EXCEEDED_MESSAGE =
  'Antall kjoretoy i respons overstiger kvote. Prøv igjen etter midnatt (norsk tid)';

// CONTRACT-ASSUMPTION (f): SVV errors (5xx) carry `{ svvguid, responskoder }`
// in the body and an `svvguid` response header.
export const SVVGUID_HEADER = 'svvguid' as const;
interface SvvErrorBody {
  svvguid: string;
  responskoder: Responskode[];
}
export function svvErrorBody(svvguid: string, responskoder: Responskode[]): SvvErrorBody {
  return { svvguid, responskoder };
}

// CONTRACT-ASSUMPTION (g): default `antall` when a search omits it. SVV's
// default is unknown; clients always send it, and 50 matches what they send.
export const DEFAULT_SEARCH_ANTALL = 50;

// CONTRACT-ASSUMPTION (h): all seven sok/* endpoints are served (KS documents
// only sok/eiernavn).
export const SERVED_SEARCH_ENDPOINTS = [
  'kjennemerke',
  'understellsnummer',
  'fodselsnummer',
  'organisasjonsnummer',
  'kundeid',
  'eiernavn',
  'kunde',
] as const;
export type SearchEndpoint = (typeof SERVED_SEARCH_ENDPOINTS)[number];
