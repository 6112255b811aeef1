/**
 * B3 `GET bulk/understellsnummer/{understellsnummer}` with optional `?dtg=`
 * (CONTRACT-ASSUMPTION (d)): the same array envelope as bulk, one element per vehicle carrying
 * the VIN, or a single not-found element when none does.
 */
import { VIN_DTG_QUERY_PARAM, notFoundElement } from '../contract-assumptions.js';
import type { Register } from '../data/register.js';
import { badRequest, kjoretoyResponse, ugyldig } from './envelope.js';
import { dtgValue, optional } from './params.js';
import type { SvvResult } from './types.js';

export function handleVinLookup(register: Register, rawVin: string, query: URLSearchParams): SvvResult {
  let vin: string;
  try {
    vin = decodeURIComponent(rawVin).trim().toUpperCase();
  } catch {
    return badRequest([ugyldig('understellsnummer er ikke gyldig prosentkodet')]);
  }
  if (!/^[A-Z0-9]{1,17}$/.test(vin))
    return badRequest([ugyldig('understellsnummer må være 1–17 bokstaver eller sifre')]);
  const dtg = dtgValue(optional(query, VIN_DTG_QUERY_PARAM), VIN_DTG_QUERY_PARAM);
  if (!dtg.ok) return badRequest([dtg.error]);
  const results = register.findByUnderstellsnummer(vin, dtg.value === undefined ? undefined : new Date(dtg.value));
  const body = results.length === 0 ? [notFoundElement()] : results.map(kjoretoyResponse);
  return { status: 200, body, itemsLookedUp: Math.max(1, results.length) };
}
