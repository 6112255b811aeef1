import type { Clock } from '../clock.js';

/**
 * `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds from now.
 * Returns `undefined` when absent or unreadable, never a negative number.
 */
export function parseRetryAfter(value: string | undefined, clock: Clock): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - clock.now());
}
