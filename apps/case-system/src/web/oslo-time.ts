import { formatDtg, parseOsloWallClock } from '@kjoretoyregister/core';

/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone; the register wants an
 * instant with an offset (docs/contract.md#s4.7), and Norwegian staff mean Europe/Oslo. Core does
 * the conversion both ways (`parseOsloWallClock`, `formatDtg`); this is the form's view of it.
 */
export type OsloParse = { ok: true; iso: string } | { ok: false; reason: 'format' | 'nonexistent' };

/**
 * `2024-03-01T10:00` (Oslo) → `2024-03-01T10:00:00.000+01:00`. A time the clocks skip in spring
 * does not exist and is refused; an hour that happens twice in autumn is read as the first.
 */
export function parseOsloLocal(value: string): OsloParse {
  const parsed = parseOsloWallClock(value);
  return parsed.ok ? { ok: true, iso: parsed.dtg } : parsed;
}

/** An instant as the value of a `datetime-local` input in Oslo time, e.g. `2024-03-01T10:00`. */
export function toOsloLocalInput(iso: string | Date): string {
  return formatDtg(typeof iso === 'string' ? new Date(iso) : iso).slice(0, 16);
}
