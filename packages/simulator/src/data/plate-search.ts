/**
 * Plate patterns for sok/kjennemerke (S1): up to three `?`, each standing for exactly one
 * character (docs/contract.md#s4.4). Ordinary generated plates are enumerated (series × digits, at most
 * a few thousand candidates that each decode in O(1)); personal and fixed plates are few and are
 * matched directly.
 */
import { OrdinaryPlates } from './plates.js';

const DIGITS = '0123456789';

export class PlateMatcher {
  private readonly regex: RegExp;

  constructor(private readonly pattern: string) {
    const escaped = pattern.replace(/[.*+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '.');
    this.regex = new RegExp(`^${escaped}$`);
  }

  matches(plate: string): boolean {
    return this.regex.test(plate);
  }

  /** Every ordinary plate (two-letter series + five digits) the pattern can stand for. */
  *ordinaryCandidates(): Generator<string> {
    if (this.pattern.length !== 7) return;
    const seriesPattern = this.pattern.slice(0, 2);
    const digitsPattern = this.pattern.slice(2);
    if (!/^[\d?]{5}$/.test(digitsPattern)) return;
    const series = OrdinaryPlates.series.filter((s) => this.matchesPart(s, seriesPattern));
    for (const digits of expand(digitsPattern)) {
      if (digits.charAt(0) === '0') continue;
      for (const s of series) yield s + digits;
    }
  }

  private matchesPart(text: string, part: string): boolean {
    for (let i = 0; i < part.length; i++) if (part[i] !== '?' && part[i] !== text[i]) return false;
    return true;
  }
}

function* expand(pattern: string): Generator<string> {
  const at = pattern.indexOf('?');
  if (at < 0) {
    yield pattern;
    return;
  }
  for (const digit of DIGITS) yield* expand(pattern.slice(0, at) + digit + pattern.slice(at + 1));
}
