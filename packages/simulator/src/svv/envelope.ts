/**
 * Response envelopes, exactly as docs/contract.md#s5.1 and docs/contract.md#s7a describe them. Every envelope decision
 * is read from contract-assumptions.ts so a changed assumption changes here in one place.
 */
import { UGYLDIG_FORESPORSEL, notFoundElement, unavailableElement } from '../contract-assumptions.js';
import type {
  KjoretoyResponse,
  KjoretoysokResponse,
  Kunde,
  KundeSokResponse,
  Responskode,
} from '../data/kjoretoy-types.js';
import type { LookupResult } from '../data/register.js';
import type { SvvResult } from './types.js';

/** One bulk element or search hit (CONTRACT-ASSUMPTION (a) for the not-found and unavailable forms). */
export function kjoretoyResponse(result: LookupResult): KjoretoyResponse {
  if (result.status === 'found') return { kjoretoy: result.kjoretoy, responskoder: [] };
  return result.status === 'unavailable' ? unavailableElement() : notFoundElement();
}

/** S1–S6 envelope, key order as in SVV's recorded sample. */
export function kjoretoysokResponse(page: KjoretoyResponse[], total: number): KjoretoysokResponse {
  return {
    responskoder: [],
    antallITreffliste: page.length,
    antallTreffTotalt: total,
    kjoretoyresponser: page,
  };
}

/** S7 envelope. */
export function kundeSokResponse(kunder: Kunde[], total: number): KundeSokResponse {
  return { responskoder: [], antallITreffliste: kunder.length, antallTreffTotalt: total, kunder };
}

/** A validation message as SVV's 400 carries it: only `responskoder` (docs/contract.md#s4.6). */
export function ugyldig(beskrivelse: string): Responskode {
  return { kode: UGYLDIG_FORESPORSEL, beskrivelse };
}

export function badRequest(responskoder: Responskode[]): SvvResult {
  return { status: 400, body: { responskoder }, itemsLookedUp: 0 };
}

export const NO_CONTENT: SvvResult = { status: 204, body: undefined, itemsLookedUp: 0 };
