/**
 * Query parameter parsing shared by the endpoints. Each parser returns a value or a validation
 * message; messages name the parameter and never echo its value.
 */
import { DEFAULT_SEARCH_ANTALL } from '../contract-assumptions.js';
import { parseDtg } from '../data/time.js';
import { ugyldig } from './envelope.js';
import type { Responskode } from '../data/kjoretoy-types.js';

/** Largest `antall` the simulator serves in one page (SVV's maximum is unknown, docs/contract.md#s8.6). */
const MAX_SEARCH_ANTALL = 1000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Responskode };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(beskrivelse: string): Parsed<T> => ({ ok: false, error: ugyldig(beskrivelse) });

/** The parameter's value, or undefined when it is absent or empty. */
export function optional(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value.trim() === '' ? undefined : value.trim();
}

export function booleanParam(query: URLSearchParams, name: string): Parsed<boolean | undefined> {
  const value = optional(query, name);
  if (value === undefined) return ok(undefined);
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return ok(lower === 'true');
  return fail(`${name} må være true eller false`);
}

function positiveInteger(query: URLSearchParams, name: string, fallback: number, max: number): Parsed<number> {
  const value = optional(query, name);
  if (value === undefined) return ok(fallback);
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) return fail(`${name} må være et positivt heltall`);
  if (Number(value) > max) return fail(`${name} kan ikke være større enn ${max}`);
  return ok(Number(value));
}

interface Paging {
  /** 1-based first row (docs/contract.md#s4.5). */
  fra: number;
  antall: number;
}

export function pagingParams(query: URLSearchParams): Parsed<Paging> {
  const fra = positiveInteger(query, 'fra', 1, Number.MAX_SAFE_INTEGER);
  if (!fra.ok) return fra;
  // CONTRACT-ASSUMPTION (g): the default page size when `antall` is absent.
  const antall = positiveInteger(query, 'antall', DEFAULT_SEARCH_ANTALL, MAX_SEARCH_ANTALL);
  if (!antall.ok) return antall;
  return ok({ fra: fra.value, antall: antall.value });
}

/**
 * A DTG (docs/contract.md#s4.7): ISO date-time with offset or `Z`, with or without a fraction. A `+`
 * that arrived unencoded in a query string has become a space; that is a client bug, so it is
 * rejected rather than repaired.
 */
export function dtgValue(value: unknown, label: string): Parsed<number | undefined> {
  if (value === undefined) return ok(undefined);
  if (typeof value !== 'string') return fail(`${label} må være en tekst`);
  const ms = parseDtg(value);
  return ms === undefined ? fail(`${label} er ikke en gyldig dato-tid med tidssone (ISO-8601)`) : ok(ms);
}

export function dateParam(query: URLSearchParams, name: string, allowYear = false): Parsed<string | undefined> {
  const value = optional(query, name);
  if (value === undefined) return ok(undefined);
  if (allowYear && /^\d{4}$/.test(value)) return ok(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    const roundTrip = new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10);
    if (roundTrip === value) return ok(value);
  }
  return fail(
    allowYear ? `${name} må være en dato (ÅÅÅÅ-MM-DD) eller et årstall` : `${name} må være en dato (ÅÅÅÅ-MM-DD)`,
  );
}
