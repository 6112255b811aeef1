/**
 * sok/kunde (S7, docs/contract.md#s4.3): customers rather than vehicles, answered as KundeSokResponse.
 * Rules the spec states are enforced: `navn` excludes fornavn/mellomnavn/etternavn, `fonetisk`
 * needs `navn`, `kjonn` needs eiertype PERSON. The simulator also needs a name to search on
 * (`navn` or `etternavn`) and returns at most KUNDE_SOK_MAX_TREFF customers (no paging exists).
 */
import type { Kunde } from '../data/kjoretoy-types.js';
import { renderPersonEnhet } from '../data/kjoretoy-render.js';
import { normaliseName, phoneticKey } from '../data/name-keys.js';
import type { PartyData } from '../data/records.js';
import type { Register } from '../data/register.js';
import { NO_CONTENT, badRequest, kundeSokResponse, ugyldig } from './envelope.js';
import type { Responskode } from '../data/kjoretoy-types.js';
import { booleanParam, optional } from './params.js';
import { matchesFilter, parseAddressFilter, type PartyFilter } from './party-filters.js';
import type { SvvResult } from './types.js';

const KUNDE_SOK_MAX_TREFF = 100;
const EIERTYPER = ['PERSON', 'ORGANISASJON', 'BEGGE'] as const;

interface KundeQuery {
  key: string;
  filter: PartyFilter;
  fornavn?: string;
  mellomnavn?: string;
}

function parse(query: URLSearchParams): KundeQuery | Responskode[] {
  const errors: Responskode[] = [];
  const eiertype = optional(query, 'eiertype')?.toUpperCase();
  if (!EIERTYPER.includes(eiertype as (typeof EIERTYPER)[number]))
    errors.push(ugyldig('eiertype må være PERSON, ORGANISASJON eller BEGGE'));
  const navn = optional(query, 'navn');
  const parts = {
    fornavn: optional(query, 'fornavn'),
    mellomnavn: optional(query, 'mellomnavn'),
    etternavn: optional(query, 'etternavn'),
  };
  const anyPart = Object.values(parts).some((value) => value !== undefined);
  if (navn !== undefined && anyPart)
    errors.push(ugyldig('navn kan ikke kombineres med fornavn, mellomnavn eller etternavn'));
  if (navn === undefined && parts.etternavn === undefined) errors.push(ugyldig('navn eller etternavn må oppgis'));
  const fonetisk = booleanParam(query, 'fonetisk');
  if (!fonetisk.ok) errors.push(fonetisk.error);
  else if (fonetisk.value !== undefined && navn === undefined)
    errors.push(ugyldig('fonetisk kan bare brukes sammen med navn'));
  const kjonn = optional(query, 'kjonn')?.toUpperCase();
  if (kjonn !== undefined && kjonn !== 'M' && kjonn !== 'K') errors.push(ugyldig('kjonn må være M eller K'));
  if (kjonn !== undefined && eiertype !== 'PERSON') errors.push(ugyldig('kjonn kan bare brukes med eiertype PERSON'));
  const filter = parseAddressFilter(query, true);
  if (!filter.ok) errors.push(filter.error);
  if (errors.length > 0 || !filter.ok) return errors;
  if (eiertype !== 'BEGGE') filter.value.erPerson = eiertype === 'PERSON';
  if (kjonn === 'M' || kjonn === 'K') filter.value.kjonn = kjonn;
  const key =
    navn === undefined
      ? `E:${normaliseName(parts.etternavn as string)}`
      : fonetisk.ok && fonetisk.value === true
        ? `P:${phoneticKey(navn)}`
        : `N:${normaliseName(navn)}`;
  return {
    key,
    filter: filter.value,
    ...(parts.fornavn === undefined ? {} : { fornavn: normaliseName(parts.fornavn) }),
    ...(parts.mellomnavn === undefined ? {} : { mellomnavn: normaliseName(parts.mellomnavn) }),
  };
}

function matchesNameParts(party: PartyData, query: KundeQuery): boolean {
  if (query.fornavn !== undefined && normaliseName(party.person?.fornavn ?? '') !== query.fornavn) return false;
  if (query.mellomnavn !== undefined && normaliseName(party.person?.mellomnavn ?? '') !== query.mellomnavn)
    return false;
  return true;
}

export function handleKundeSearch(register: Register, query: URLSearchParams): SvvResult {
  const parsed = parse(query);
  if (Array.isArray(parsed)) return badRequest(parsed);
  const parties = register
    .partiesByKey(parsed.key)
    .filter((party) => matchesFilter(party, parsed.filter) && matchesNameParts(party, parsed))
    .sort((a, b) => a.id - b.id);
  if (parties.length === 0) return NO_CONTENT;
  const kunder: Kunde[] = parties.slice(0, KUNDE_SOK_MAX_TREFF).map((party) => ({
    personEnhet: renderPersonEnhet(party),
    antallKjoretoy: register.vehiclesOfParty(party.id).length,
  }));
  return { status: 200, body: kundeSokResponse(kunder, parties.length), itemsLookedUp: 0 };
}
