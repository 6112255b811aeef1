/**
 * Identifier normalisation and DTG formatting: the one place that decides what the client sends.
 * `normalise*` never throw (they only canonicalise); `isValid*` say whether the result is worth
 * sending. Validation is deliberately loose (docs/contract.md#s9.13): SVV rejects the rest via
 * `responskoder`, and a too-strict regex would reject real personal plates.
 */

import { ValidationError } from '../errors.js';

// docs/contract.md#s9.13: personal plates are 2–7 characters in a free mix of letters and digits, and
// Norwegian letters are allowed.
const KJENNEMERKE = /^[A-Z0-9ÆØÅ]{2,7}$/;
const KJENNEMERKE_PATTERN = /^[A-Z0-9ÆØÅ?]{2,7}$/;
// docs/contract.md#s4.4: S1 allows up to three unknown characters, each written as `?`.
const MAX_KJENNEMERKE_WILDCARDS = 3;
// docs/contract.md#s6: SVV test VINs can be 16 characters, so only the 17 upper bound is enforced.
const UNDERSTELLSNUMMER = /^[A-Z0-9]{1,17}$/;
// docs/contract.md#s4.4: S2 supports an exact search plus a `*` prefix and/or suffix wildcard.
const UNDERSTELLSNUMMER_PATTERN = /^\*?[A-Z0-9]{1,17}\*?$/;
const KUID = /^\d{1,20}$/;

/** Trim, drop all whitespace and hyphens, upper-case (æøå → ÆØÅ). `" cu-10 942 "` → `CU10942`. */
export function normaliseKjennemerke(input: string): string {
  // Already canonical (the usual input, read back from a database): nothing can change it. It is
  // tested per item of a bulk, so this skips three string passes for most of up to 10 000 items.
  if (KJENNEMERKE.test(input)) return input;
  // NFC first: a decomposed Å (A + combining ring) would otherwise fail the letter class.
  return input
    .normalize('NFC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

export function isValidKjennemerke(input: string): boolean {
  return KJENNEMERKE.test(normaliseKjennemerke(input));
}

/** As {@link normaliseKjennemerke}, keeping `?` wildcards for S1 `sok/kjennemerke`. */
export function normaliseKjennemerkePattern(input: string): string {
  return normaliseKjennemerke(input);
}

export function isValidKjennemerkePattern(input: string): boolean {
  const value = normaliseKjennemerkePattern(input);
  if (!KJENNEMERKE_PATTERN.test(value)) return false;
  const wildcards = value.length - value.replaceAll('?', '').length;
  return wildcards <= MAX_KJENNEMERKE_WILDCARDS && wildcards < value.length;
}

/** Trim, drop inner whitespace, upper-case. */
export function normaliseUnderstellsnummer(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isValidUnderstellsnummer(input: string): boolean {
  return UNDERSTELLSNUMMER.test(normaliseUnderstellsnummer(input));
}

/** As {@link normaliseUnderstellsnummer}, keeping a `*` prefix/suffix wildcard for S2. */
export function normaliseUnderstellsnummerPattern(input: string): string {
  return normaliseUnderstellsnummer(input);
}

export function isValidUnderstellsnummerPattern(input: string): boolean {
  return UNDERSTELLSNUMMER_PATTERN.test(normaliseUnderstellsnummerPattern(input));
}

export function normaliseKuid(input: string): string {
  return input.trim();
}

export function isValidKuid(input: string): boolean {
  return KUID.test(normaliseKuid(input));
}

// ---------------------------------------------------------------------------------------------
// DTG (docs/contract.md#s4.7): sent as `YYYY-MM-DDTHH:mm:ss.SSS±HH:MM` in the Europe/Oslo offset of the
// instant, which is the shape of KS's own example `2018-11-15T23:00:00.000+01:00`.
// ---------------------------------------------------------------------------------------------

const DTG_TIME_ZONE = 'Europe/Oslo';

/** Date, time and a mandatory offset or `Z`; seconds and any fraction are optional. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;
const ISO_DATE_TIME_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/i;
const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

let osloFormatter: Intl.DateTimeFormat | undefined;

function osloParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  osloFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: DTG_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of osloFormatter.formatToParts(instant)) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  return parts;
}

type OsloWallClock = ReturnType<typeof osloParts> & { offsetMinutes: number };

function osloWallClockFromIntl(instant: Date): OsloWallClock {
  const wall = osloParts(instant);
  const wallAsUtc = new Date(0);
  wallAsUtc.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  wallAsUtc.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  const wholeSecondMs = Math.floor(instant.getTime() / 1000) * 1000;
  // Historical Oslo offsets are whole minutes, so rounding only absorbs float noise.
  return { ...wall, offsetMinutes: Math.round((wallAsUtc.getTime() - wholeSecondMs) / 60_000) };
}

/**
 * Since 1970 every Oslo offset is a whole number of hours and changes only on a whole UTC hour,
 * so one `formatToParts` per UTC hour suffices. It was the largest cost of planning a bulk in
 * which each item has its own dtg (tools/bench, docs/BENCHMARKS.md: item 1 profile).
 */
const OFFSET_CACHE_FROM_MS = Date.UTC(1970, 0, 1);
const OFFSET_CACHE_MAX_HOURS = 4096;
const HOUR_MS = 3_600_000;
const osloOffsetByUtcHour = new Map<number, number>();

function osloWallClock(instant: Date): OsloWallClock {
  const epochMs = instant.getTime();
  if (epochMs < OFFSET_CACHE_FROM_MS) return osloWallClockFromIntl(instant);
  const utcHour = Math.floor(epochMs / HOUR_MS);
  let offsetMinutes = osloOffsetByUtcHour.get(utcHour);
  if (offsetMinutes === undefined) {
    offsetMinutes = osloWallClockFromIntl(instant).offsetMinutes;
    if (osloOffsetByUtcHour.size >= OFFSET_CACHE_MAX_HOURS) osloOffsetByUtcHour.clear();
    osloOffsetByUtcHour.set(utcHour, offsetMinutes);
  }
  const wall = new Date(epochMs + offsetMinutes * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    offsetMinutes,
  };
}

function dtgError(field: string, message: string): ValidationError {
  return new ValidationError(`${field} ${message}`, { issues: [{ path: field, message }] });
}

/** Parses an ISO-8601 date-time that carries an offset; rejects impossible calendar values. */
function parseIsoWithOffset(value: string, field: string): Date {
  const trimmed = value.trim();
  const match = ISO_DATE_TIME.exec(trimmed);
  if (!match) {
    if (ISO_DATE_ONLY.test(trimmed)) {
      throw dtgError(field, 'must be a point in time (date-time with offset), not a date');
    }
    if (ISO_DATE_TIME_WITHOUT_OFFSET.test(trimmed)) {
      throw dtgError(field, 'must carry a UTC offset or Z (an ISO-8601 date-time without offset is ambiguous)');
    }
    throw dtgError(field, 'is not an ISO-8601 date-time with offset');
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone, sign, offH = '0', offM = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day);
  const dayExists =
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  if (!dayExists || hour > 23 || minute > 59 || second > 59 || Number(offH) > 18 || Number(offM) > 59) {
    throw dtgError(field, 'is not a valid date-time');
  }
  calendar.setUTCHours(hour, minute, second, millis);
  return new Date(calendar.getTime() - offsetMinutes * 60_000);
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

/** What `parseOsloWallClock` makes of a wall-clock time: a DTG, or why there is none. */
export type OsloWallClockResult = { ok: true; dtg: string } | { ok: false; reason: 'format' | 'nonexistent' };

/** `2024-03-01T10:00`, `2024-03-01 10:00` or with seconds; no offset (that is the point). */
const OSLO_WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A Europe/Oslo wall-clock time without an offset (what a person types, and what an HTML
 * `datetime-local` input sends) as a DTG (docs/contract.md#s4.7). A time the clocks skip in spring
 * does not exist (`nonexistent`); an hour that happens twice in autumn is read as the first one,
 * summer time. The reverse of the wall clock `formatDtg` writes.
 */
export function parseOsloWallClock(value: string): OsloWallClockResult {
  const match = OSLO_WALL_CLOCK.exec(value.trim());
  if (!match) return { ok: false, reason: 'format' };
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day);
  const dayExists =
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  if (!dayExists || year < 1 || hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'format' };
  calendar.setUTCHours(hour, minute, second, 0);
  const wallAsUtc = calendar.getTime();
  // Oslo's offset a few hours either side covers both candidates; the larger (summer) goes first.
  const offsets = [
    ...new Set([-3, 3].map((hours) => osloWallClock(new Date(wallAsUtc + hours * HOUR_MS)).offsetMinutes)),
  ].sort((a, b) => b - a);
  for (const offsetMinutes of offsets) {
    const instant = new Date(wallAsUtc - offsetMinutes * 60_000);
    const wall = osloWallClock(instant);
    if (
      wall.year === year &&
      wall.month === month &&
      wall.day === day &&
      wall.hour === hour &&
      wall.minute === minute
    ) {
      return { ok: true, dtg: formatDtg(instant) };
    }
  }
  return { ok: false, reason: 'nonexistent' };
}

/**
 * Formats a DTG for the wire. Accepts a `Date` or an ISO-8601 string with an offset or `Z`.
 * A date-only string is rejected: a DTG is a point in time, and guessing midnight in some zone
 * would silently shift ownership answers by a day.
 *
 * @param field named in the ValidationError (e.g. `items[3].dtg`); the value never is.
 */
export function formatDtg(value: Date | string, field = 'dtg'): string {
  let instant: Date;
  if (value instanceof Date) {
    instant = value;
  } else if (typeof value === 'string') {
    instant = parseIsoWithOffset(value, field);
  } else {
    throw dtgError(field, 'must be a Date or an ISO-8601 date-time string');
  }
  const epochMs = instant.getTime();
  if (!Number.isFinite(epochMs)) throw dtgError(field, 'is not a valid date-time');

  const wall = osloWallClock(instant);
  if (wall.year < 1 || wall.year > 9999) throw dtgError(field, 'is out of range');
  const { offsetMinutes } = wall;
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  const millis = epochMs - wholeSecondMs;
  const sign = offsetMinutes < 0 ? '-' : '+';
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
    `T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}.${pad(millis, 3)}` +
    `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`
  );
}
