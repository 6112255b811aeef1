/**
 * Time handling for the register: instants are epoch milliseconds; SVV renders them with the
 * Europe/Oslo offset (`2021-04-21T14:32:54.295+02:00`, docs/contract.md#s5) and dates as `YYYY-MM-DD`.
 * The Oslo offset is computed from the EU summer-time rule instead of Intl, which is far slower
 * on the lookup hot path.
 */
import { pad2 } from './identifiers.js';

export const DAY_MS = 86_400_000;
export const YEAR_MS = 365.2425 * DAY_MS;

/** Epoch ms of the last Sunday of a month at 01:00 UTC (EU summer-time switch). */
function lastSundayAt0100Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  const day = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, monthIndex, day, 1);
}

const offsetCache = new Map<number, [number, number]>();

/** Europe/Oslo offset in minutes (60 or 120) at an instant. */
function osloOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  let bounds = offsetCache.get(year);
  if (!bounds) {
    bounds = [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
    offsetCache.set(year, bounds);
  }
  return ms >= bounds[0] && ms < bounds[1] ? 120 : 60;
}

/** `YYYY-MM-DDTHH:mm:ss.SSS+HH:00` in Europe/Oslo time. */
export function formatOsloDateTime(ms: number): string {
  const offset = osloOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000);
  const millis = String(local.getUTCMilliseconds()).padStart(3, '0');
  return (
    `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}` +
    `T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}.${millis}` +
    `+${pad2(offset / 60)}:00`
  );
}

/** The Europe/Oslo calendar date of an instant, `YYYY-MM-DD`. */
export function formatOsloDate(ms: number): string {
  return formatOsloDateTime(ms).slice(0, 10);
}

/** Epoch ms for a wall-clock time in Europe/Oslo. */
export function osloTime(year: number, month: number, day: number, hour = 12, minute = 0, second = 0, ms = 0): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const winter = naive - 60 * 60_000;
  return osloOffsetMinutes(winter) === 60 ? winter : naive - 120 * 60_000;
}

/** Adds whole calendar years to an instant (Feb 29 rolls to Mar 1). */
export function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

/**
 * DTG as docs/contract.md#s4.7 describes it: ISO-8601 date-time with an offset; `Z` and a missing
 * fraction are accepted too. Returns epoch ms, or undefined for anything else.
 */
const DTG_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function parseDtg(text: string): number | undefined {
  const match = DTG_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const calendar = new Date(Date.UTC(y as number, (mo as number) - 1, d as number));
  if (calendar.getUTCMonth() !== (mo as number) - 1 || calendar.getUTCDate() !== d) return undefined;
  if ((h as number) > 23 || (mi as number) > 59 || (s as number) > 59) return undefined;
  const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}
