/**
 * Vehicle searches S1–S6 (docs/contract.md#s4.3 to docs/contract.md#s4.5): parameter validation, ekskluderVraketUtfort,
 * 1-based paging and the KjoretoysokResponse envelope; 204 with no body when nothing matches.
 * Searches have no DTG: they see the register as it is now.
 */
import type { SearchEndpoint } from '../contract-assumptions.js';
import { normaliseName } from '../data/name-keys.js';
import type { Register } from '../data/register.js';
import { normaliseKjennemerke } from '../data/identifiers.js';
import { NO_CONTENT, badRequest, kjoretoyResponse, kjoretoysokResponse, ugyldig } from './envelope.js';
import { booleanParam, optional, pagingParams, type Parsed } from './params.js';
import { matchesFilter, parseAddressFilter } from './party-filters.js';
import type { SvvResult } from './types.js';

type Hits = Parsed<{ indexes: number[]; ekskluderVraketUtfort: boolean }>;

const MAX_PLATE_WILDCARDS = 3;
const MIN_VIN_WILDCARD_CHARS = 3;

function required(query: URLSearchParams, name: string): Parsed<string> {
  const value = optional(query, name);
  return value === undefined ? { ok: false, error: ugyldig(`${name} må oppgis`) } : { ok: true, value };
}

function union(lists: number[][]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

function byKjennemerke(register: Register, query: URLSearchParams): Parsed<number[]> {
  const value = required(query, 'kjennemerke');
  if (!value.ok) return value;
  const pattern = normaliseKjennemerke(value.value);
  if (!/^[A-Z0-9ÆØÅ?]{1,7}$/.test(pattern))
    return { ok: false, error: ugyldig('kjennemerke må være 1–7 bokstaver, sifre eller ?') };
  // docs/contract.md#s4.4: "inntil 3 ukjente tegn".
  if ((pattern.match(/\?/g) ?? []).length > MAX_PLATE_WILDCARDS) {
    return { ok: false, error: ugyldig(`kjennemerke kan inneholde høyst ${MAX_PLATE_WILDCARDS} ukjente tegn (?)`) };
  }
  return { ok: true, value: register.searchKjennemerke(pattern) };
}

function byUnderstellsnummer(register: Register, query: URLSearchParams): Parsed<number[]> {
  const value = required(query, 'understellsnummer');
  if (!value.ok) return value;
  const pattern = value.value.toUpperCase();
  const core = pattern.replace(/^\*/, '').replace(/\*$/, '');
  if (!/^[A-Z0-9]{1,17}$/.test(core)) {
    return {
      ok: false,
      error: ugyldig('understellsnummer må være bokstaver og sifre, med * bare først og/eller sist'),
    };
  }
  if (core !== pattern && core.length < MIN_VIN_WILDCARD_CHARS) {
    return { ok: false, error: ugyldig(`understellsnummer med * må ha minst ${MIN_VIN_WILDCARD_CHARS} tegn`) };
  }
  const merkekode = optional(query, 'merkekode');
  if (merkekode !== undefined && !/^\d{1,4}$/.test(merkekode))
    return { ok: false, error: ugyldig('merkekode må være inntil fire sifre') };
  return {
    ok: true,
    value: register.searchUnderstellsnummer(
      { prefix: pattern.endsWith('*'), suffix: pattern.startsWith('*'), text: core },
      merkekode?.padStart(4, '0'),
    ),
  };
}

function byIdentifier(
  register: Register,
  query: URLSearchParams,
  name: string,
  shape: RegExp,
  message: string,
): Parsed<number[]> {
  const value = required(query, name);
  if (!value.ok) return value;
  if (!shape.test(value.value)) return { ok: false, error: ugyldig(message) };
  return {
    ok: true,
    value: union(register.partiesByKey(`I:${value.value}`).map((party) => register.vehiclesOfParty(party.id))),
  };
}

function byKundeid(register: Register, query: URLSearchParams): Parsed<number[]> {
  const value = required(query, 'kundeid');
  if (!value.ok) return value;
  if (!/^\d{1,12}$/.test(value.value)) return { ok: false, error: ugyldig('kundeid må være et tall') };
  const id = register.parties.idOfKundeId(value.value);
  return { ok: true, value: id === undefined ? [] : register.vehiclesOfParty(id) };
}

function byEiernavn(register: Register, query: URLSearchParams): Parsed<number[]> {
  const navn = required(query, 'navn');
  if (!navn.ok) return navn;
  const filter = parseAddressFilter(query, false);
  if (!filter.ok) return filter;
  const erPerson = booleanParam(query, 'erPerson');
  if (!erPerson.ok) return erPerson;
  if (erPerson.value !== undefined) filter.value.erPerson = erPerson.value;
  const parties = register
    .partiesByKey(`N:${normaliseName(navn.value)}`)
    .filter((party) => matchesFilter(party, filter.value));
  return { ok: true, value: union(parties.map((party) => register.vehiclesOfParty(party.id))) };
}

function hits(register: Register, endpoint: Exclude<SearchEndpoint, 'kunde'>, query: URLSearchParams): Hits {
  let found: Parsed<number[]>;
  switch (endpoint) {
    case 'kjennemerke':
      found = byKjennemerke(register, query);
      break;
    case 'understellsnummer':
      found = byUnderstellsnummer(register, query);
      break;
    case 'fodselsnummer':
      found = byIdentifier(register, query, 'fodselsnummer', /^\d{11}$/, 'fodselsnummer må være 11 sifre');
      break;
    case 'organisasjonsnummer':
      found = byIdentifier(register, query, 'organisasjonsnummer', /^\d{9}$/, 'organisasjonsnummer må være 9 sifre');
      break;
    case 'kundeid':
      found = byKundeid(register, query);
      break;
    case 'eiernavn':
      found = byEiernavn(register, query);
      break;
  }
  if (!found.ok) return found;
  // S6 has no ekskluderVraketUtfort (docs/contract.md#s4.3); SVV ignores parameters an endpoint lacks.
  const exclude =
    endpoint === 'eiernavn' ? { ok: true as const, value: undefined } : booleanParam(query, 'ekskluderVraketUtfort');
  if (!exclude.ok) return exclude;
  return { ok: true, value: { indexes: found.value, ekskluderVraketUtfort: exclude.value === true } };
}

export function handleVehicleSearch(
  register: Register,
  endpoint: Exclude<SearchEndpoint, 'kunde'>,
  query: URLSearchParams,
): SvvResult {
  const paging = pagingParams(query);
  const found = hits(register, endpoint, query);
  const errors = [paging, found].flatMap((parsed) => (parsed.ok ? [] : [parsed.error]));
  if (!paging.ok || !found.ok) return badRequest(errors);
  const { indexes, ekskluderVraketUtfort } = found.value;
  const matching = ekskluderVraketUtfort
    ? indexes.filter((index) => {
        const status = register.currentStatus(index);
        return status !== 'VRAKET' && status !== 'UTFORT';
      })
    : indexes;
  if (matching.length === 0) return NO_CONTENT;
  const { fra, antall } = paging.value;
  const page = matching.slice(fra - 1, fra - 1 + antall).map((index) => kjoretoyResponse(register.lookup(index)));
  return { status: 200, body: kjoretoysokResponse(page, matching.length), itemsLookedUp: page.length };
}
