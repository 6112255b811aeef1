/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone; the register wants an
 * instant with an offset (docs/contract.md#s4.7). Norwegian staff mean Europe/Oslo. Intl knows the
 * zone's rules, so converting is a few lines over it rather than a date library.
 */
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallAt(ms: number): Wall {
  const part = (type: string) => Number(PARTS.formatToParts(new Date(ms)).find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

function wallAsUtc(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Oslo's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutesAt(ms: number): number {
  return Math.round((wallAsUtc(wallAt(ms)) - Math.floor(ms / 1000) * 1000) / 60_000);
}

export type OsloParse = { ok: true; iso: string } | { ok: false; reason: 'format' | 'nonexistent' };

/**
 * `2024-03-01T10:00` (Oslo) → `2024-03-01T10:00:00+01:00`. A time the clocks skip in spring does
 * not exist and is refused; an hour that happens twice in autumn is read as the first (summer time).
 */
export function parseOsloLocal(value: string): OsloParse {
  const match = LOCAL.exec(value.trim());
  if (!match) return { ok: false, reason: 'format' };
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall: Wall = { year, month, day, hour, minute, second };
  const asUtc = wallAsUtc(wall);
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== day || month < 1 || month > 12) {
    return { ok: false, reason: 'format' };
  }
  // The earlier offset first: in the repeated autumn hour both fit, and summer time comes first.
  for (const offset of [
    ...new Set([offsetMinutesAt(asUtc - 180 * 60_000), offsetMinutesAt(asUtc + 180 * 60_000)]),
  ].sort((a, b) => b - a)) {
    const instant = asUtc - offset * 60_000;
    if (wallAsUtc(wallAt(instant)) === asUtc) return { ok: true, iso: isoWithOffset(instant, offset) };
  }
  return { ok: false, reason: 'nonexistent' };
}

/** An instant as the value of a `datetime-local` input in Oslo time, e.g. `2024-03-01T10:00`. */
export function toOsloLocalInput(iso: string | Date): string {
  const w = wallAt(new Date(iso).getTime());
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

function isoWithOffset(instant: number, offsetMinutes: number): string {
  const w = wallAt(instant);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
