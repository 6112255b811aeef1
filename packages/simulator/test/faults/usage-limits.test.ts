import { osloDate, secondsUntilOsloMidnight } from '../../src/faults/oslo-time.js';
import { UsageLimits } from '../../src/faults/usage-limits.js';

describe('Oslo calendar (the quota day)', () => {
  it('uses the Norwegian date, not the UTC date', () => {
    expect(osloDate(Date.UTC(2026, 5, 1, 21, 59, 59))).toBe('2026-06-01');
    expect(osloDate(Date.UTC(2026, 5, 1, 22, 0, 0))).toBe('2026-06-02');
    expect(osloDate(Date.UTC(2026, 0, 1, 22, 59, 59))).toBe('2026-01-01');
  });

  it.each([
    ['summer time (UTC+2)', Date.UTC(2026, 5, 1, 10, 0, 0), 12 * 3600],
    ['winter time (UTC+1)', Date.UTC(2026, 0, 15, 10, 0, 0), 13 * 3600],
    ['the 23-hour day when clocks go forward', Date.UTC(2026, 2, 28, 23, 0, 0), 23 * 3600],
    ['the 25-hour day when clocks go back', Date.UTC(2026, 9, 24, 22, 0, 0), 25 * 3600],
    ['one second before midnight', Date.UTC(2026, 5, 1, 21, 59, 59), 1],
  ])('counts seconds to midnight in %s', (_label, now, expected) => {
    expect(secondsUntilOsloMidnight(now)).toBe(expected);
  });
});

describe('UsageLimits', () => {
  const now = Date.UTC(2026, 5, 1, 10, 0, 0);

  it('keeps separate daily budgets per integration', () => {
    const limits = new UsageLimits();
    expect(limits.consume('a', 5, 5, now)).toEqual({ allowed: true, remaining: 0 });
    expect(limits.consume('a', 0, 5, now)).toEqual({ allowed: false, retryAfterSeconds: 12 * 3600 });
    expect(limits.consume('b', 1, 5, now)).toEqual({ allowed: true, remaining: 4 });
    expect(limits.usedToday('a', now)).toBe(5);
    expect(limits.usedToday('a', now + 14 * 3600 * 1000)).toBe(0);
  });

  it('counts burst windows per integration and forgets them on reset', () => {
    const limits = new UsageLimits();
    expect(limits.burst('a', 1, 10, now)).toBeUndefined();
    expect(limits.burst('a', 1, 10, now + 4000)).toBe(6);
    expect(limits.burst('b', 1, 10, now)).toBeUndefined();
    limits.reset();
    expect(limits.burst('a', 1, 10, now + 4000)).toBeUndefined();
  });
});
