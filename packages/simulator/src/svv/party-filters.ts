/**
 * Address and person filters shared by sok/eiernavn (S6) and sok/kunde (S7). All text filters
 * compare case-insensitively; `fylke` accepts the 2024 fylke name or its two-digit number.
 */
import { fylkeOf } from '../data/catalogue/places.js';
import { normaliseName } from '../data/name-keys.js';
import type { PartyData } from '../data/records.js';
import type { Parsed } from './params.js';
import { dateParam, optional } from './params.js';
import { ugyldig } from './envelope.js';

export interface PartyFilter {
  postnummer?: string;
  poststed?: string;
  fylke?: string;
  kommune?: string;
  /** `YYYY-MM-DD`, or `YYYY` where a birth year is allowed. */
  fodselsdato?: string;
  erPerson?: boolean;
  kjonn?: 'M' | 'K';
}

export function parseAddressFilter(query: URLSearchParams, allowYear: boolean): Parsed<PartyFilter> {
  const filter: PartyFilter = {};
  const postnummer = optional(query, 'postnummer');
  if (postnummer !== undefined) {
    if (!/^\d{4}$/.test(postnummer)) return { ok: false, error: ugyldig('postnummer må være fire sifre') };
    filter.postnummer = postnummer;
  }
  const poststed = optional(query, 'poststed');
  if (poststed !== undefined) filter.poststed = normaliseName(poststed);
  const fylke = optional(query, 'fylke');
  if (fylke !== undefined) filter.fylke = normaliseName(fylke);
  const kommune = optional(query, 'kommune');
  if (kommune !== undefined) filter.kommune = normaliseName(kommune);
  const fodselsdato = dateParam(query, 'fodselsdato', allowYear);
  if (!fodselsdato.ok) return fodselsdato;
  if (fodselsdato.value !== undefined) filter.fodselsdato = fodselsdato.value;
  return { ok: true, value: filter };
}

export function matchesFilter(party: PartyData, filter: PartyFilter): boolean {
  const a = party.adresse;
  if (filter.postnummer !== undefined && a.postnummer !== filter.postnummer) return false;
  if (filter.poststed !== undefined && normaliseName(a.poststed) !== filter.poststed) return false;
  if (filter.kommune !== undefined && normaliseName(a.kommunenavn) !== filter.kommune) return false;
  if (filter.fylke !== undefined) {
    const name = fylkeOf(a.kommunenummer);
    if (filter.fylke !== a.kommunenummer.slice(0, 2) && (name === undefined || normaliseName(name) !== filter.fylke))
      return false;
  }
  if (filter.erPerson !== undefined && (party.person !== undefined) !== filter.erPerson) return false;
  if (filter.fodselsdato !== undefined && !party.person?.fodselsdato.startsWith(filter.fodselsdato)) return false;
  if (filter.kjonn !== undefined && party.person?.kjonn !== filter.kjonn) return false;
  return true;
}
