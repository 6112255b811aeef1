import {
  formatDtg,
  parseOsloWallClock,
  isValidKjennemerke,
  isValidKjennemerkePattern,
  isValidKuid,
  isValidUnderstellsnummer,
  isValidUnderstellsnummerPattern,
  normaliseKjennemerke,
  normaliseKuid,
  normaliseUnderstellsnummer,
} from '../../src/contract/normalise.js';
import { ValidationError } from '../../src/errors.js';
import { expectCoreError, thrownBy } from '../support/core-errors.js';

describe('normaliseKjennemerke / isValidKjennemerke (docs/contract.md#s4.8, docs/contract.md#s9.13)', () => {
  it.each([
    ['CU10942', 'CU10942', true],
    ['CU 10942', 'CU10942', true],
    ['  cu-10 942\t', 'CU10942', true],
    ['br12345', 'BR12345', true],
    ['TESLA', 'TESLA', true],
    ['æøå123', 'ÆØÅ123', true],
    ['A\u030A1', 'Å1', true], // decomposed Å (A + combining ring) is one letter
    ['EL', 'EL', true],
    ['A', 'A', false], // too short
    ['ABCD12345', 'ABCD12345', false], // too long
    ['CU1094!', 'CU1094!', false],
    ['CU_10942', 'CU_10942', false],
    ['CU1094?', 'CU1094?', false], // wildcards belong to S1 only
    ['', '', false],
    ['   ', '', false],
  ])('%j → %j (valid: %s)', (input, normalised, valid) => {
    expect(normaliseKjennemerke(input)).toBe(normalised);
    expect(isValidKjennemerke(input)).toBe(valid);
  });

  it('S1 patterns allow up to three ? but not a plate made only of wildcards', () => {
    expect(isValidKjennemerkePattern('af3676?')).toBe(true);
    expect(isValidKjennemerkePattern('AF3???')).toBe(true);
    expect(isValidKjennemerkePattern('AF????')).toBe(false);
    expect(isValidKjennemerkePattern('??')).toBe(false);
  });
});

describe('normaliseUnderstellsnummer / isValidUnderstellsnummer', () => {
  it.each([
    ['TESTDIGDIR0000016', 'TESTDIGDIR0000016', true],
    [' sisdinky35995054 ', 'SISDINKY35995054', true], // SVV test VIN with 16 characters
    ['TESTDIGDIR 0000016', 'TESTDIGDIR0000016', true],
    ['TESTDIGDIR00000160', 'TESTDIGDIR00000160', false], // 18
    ['TEST-DIGDIR', 'TEST-DIGDIR', false],
    ['', '', false],
    ['TESTDIGDIR*', 'TESTDIGDIR*', false],
  ])('%j → %j (valid: %s)', (input, normalised, valid) => {
    expect(normaliseUnderstellsnummer(input)).toBe(normalised);
    expect(isValidUnderstellsnummer(input)).toBe(valid);
  });

  it('S2 patterns allow a * prefix and/or suffix only', () => {
    expect(isValidUnderstellsnummerPattern('1234234ERGWW01A*')).toBe(true);
    expect(isValidUnderstellsnummerPattern('*ERGWW01A')).toBe(true);
    expect(isValidUnderstellsnummerPattern('*ERGWW01A*')).toBe(true);
    expect(isValidUnderstellsnummerPattern('ERG*WW01A')).toBe(false);
    expect(isValidUnderstellsnummerPattern('**')).toBe(false);
  });
});

describe('normaliseKuid / isValidKuid', () => {
  it('trims and accepts 1–20 digits only', () => {
    expect(normaliseKuid(' 3378119709 ')).toBe('3378119709');
    expect(isValidKuid(' 3378119709 ')).toBe(true);
    expect(isValidKuid('33781a9709')).toBe(false);
    expect(isValidKuid('123456789012345678901')).toBe(false);
    expect(isValidKuid('')).toBe(false);
  });
});

describe('formatDtg (docs/contract.md#s4.7)', () => {
  it.each([
    // Spring forward 2024: 02:00 CET → 03:00 CEST at 01:00 UTC.
    ['2024-03-31T00:59:59.999Z', '2024-03-31T01:59:59.999+01:00'],
    ['2024-03-31T01:00:00Z', '2024-03-31T03:00:00.000+02:00'],
    // Fall back 2024: 03:00 CEST → 02:00 CET at 01:00 UTC; the 02:xx hour occurs twice.
    ['2024-10-27T00:59:59Z', '2024-10-27T02:59:59.000+02:00'],
    ['2024-10-27T01:00:00Z', '2024-10-27T02:00:00.000+01:00'],
    // KS's example instant, given with another offset.
    ['2018-11-15T22:00:00.000Z', '2018-11-15T23:00:00.000+01:00'],
    ['2023-06-01T12:00:00.000+02:00', '2023-06-01T12:00:00.000+02:00'],
    ['2023-06-01T05:30:00-05:00', '2023-06-01T12:30:00.000+02:00'],
    ['2023-06-01T10:00Z', '2023-06-01T12:00:00.000+02:00'],
    ['2023-12-31T23:30:00.1234Z', '2024-01-01T00:30:00.123+01:00'],
    ['2023-06-01T12:00:00+0200', '2023-06-01T12:00:00.000+02:00'],
  ])('%s → %s', (input, expected) => {
    expect(formatDtg(input)).toBe(expected);
  });

  it('formats a Date instant, keeping its milliseconds', () => {
    expect(formatDtg(new Date(Date.UTC(2024, 2, 31, 1, 0, 0, 7)))).toBe('2024-03-31T03:00:00.007+02:00');
    expect(formatDtg(new Date(Date.UTC(2024, 0, 15, 11, 0, 0)))).toBe('2024-01-15T12:00:00.000+01:00');
  });

  it.each([
    ['2023-06-01T12:00:00', /must carry a UTC offset or Z/],
    ['2023-06-01', /must be a point in time/],
    ['2023-02-30T12:00:00Z', /is not a valid date-time/],
    ['2023-06-01T24:00:00Z', /is not a valid date-time/],
    ['yesterday', /is not an ISO-8601 date-time/],
  ])('rejects %j naming the field, not the value', (input, message) => {
    let caught: unknown;
    try {
      formatDtg(input, 'items[2].dtg');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.code).toBe('KJR_VALIDATION');
    expect(error.message).toMatch(/^items\[2\]\.dtg /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(input);
    expect(error.issues).toEqual([expect.objectContaining({ path: 'items[2].dtg' })]);
  });

  it('rejects an invalid Date', () => {
    expectCoreError(
      thrownBy(() => formatDtg(new Date('nope'))),
      ValidationError,
      'KJR_VALIDATION',
    );
  });

  it('agrees with a fresh Intl reading for every instant, whichever instant of the hour came first', () => {
    // formatDtg caches the Oslo offset per UTC hour; an independent reference checks it.
    const reference = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Oslo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    const expected = (epochMs: number): string => {
      const p = Object.fromEntries(reference.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
      const offset = p['timeZoneName'] === 'GMT' ? '+00:00' : p['timeZoneName'].slice(3);
      const millis = String(((epochMs % 1000) + 1000) % 1000).padStart(3, '0');
      return `${p['year']}-${p['month']}-${p['day']}T${p['hour']}:${p['minute']}:${p['second']}.${millis}${offset}`;
    };
    const instants: number[] = [];
    // Both 2024 switches, walked backwards and forwards so either side of each hour is cached first.
    for (const switchAt of [Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 9, 27, 1)]) {
      for (let ms = switchAt - 2 * 3_600_000; ms <= switchAt + 2 * 3_600_000; ms += 59_999) instants.push(ms);
      for (let ms = switchAt + 2 * 3_600_000; ms >= switchAt - 2 * 3_600_000; ms -= 60_001) instants.push(ms);
      instants.push(switchAt - 1, switchAt, switchAt + 3_599_999);
    }
    // A whole year in odd steps, plus instants before 1970 (not cached) and far ahead.
    for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2024, 0, 1); ms += 7_777_777) instants.push(ms);
    instants.push(Date.UTC(1960, 6, 1, 12), Date.UTC(1945, 3, 2, 0, 30), Date.UTC(2099, 9, 25, 0, 59, 59, 999));
    for (const ms of instants) expect(formatDtg(new Date(ms))).toBe(expected(ms));
  });
});

describe('parseOsloWallClock: what a person types, as a DTG in Oslo time (docs/contract.md#s4.7)', () => {
  it('gives winter and summer times their own offset', () => {
    expect(parseOsloWallClock('2024-03-01T10:00')).toEqual({ ok: true, dtg: '2024-03-01T10:00:00.000+01:00' });
    expect(parseOsloWallClock('2024-07-01 23:30:15')).toEqual({ ok: true, dtg: '2024-07-01T23:30:15.000+02:00' });
  });

  it('refuses a time the clocks skip in spring, and reads the repeated autumn hour as summer time', () => {
    expect(parseOsloWallClock('2024-03-31T02:30')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(parseOsloWallClock('2024-03-31T03:00')).toEqual({ ok: true, dtg: '2024-03-31T03:00:00.000+02:00' });
    expect(parseOsloWallClock('2024-10-27T02:30')).toEqual({ ok: true, dtg: '2024-10-27T02:30:00.000+02:00' });
    expect(parseOsloWallClock('2024-10-27T03:30')).toEqual({ ok: true, dtg: '2024-10-27T03:30:00.000+01:00' });
  });

  it('refuses what is not a wall-clock time: an offset, a date alone, an impossible date or hour', () => {
    for (const value of ['2024-03-01T10:00+01:00', '2024-03-01', '2024-02-30T10:00', '2024-03-01T24:00', '10:00', '']) {
      expect([value, parseOsloWallClock(value)]).toEqual([value, { ok: false, reason: 'format' }]);
    }
  });

  it('round-trips with formatDtg over every hour of a year with both clock changes', () => {
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 3_600_000) {
      const dtg = formatDtg(new Date(ms));
      const wall = dtg.slice(0, 19);
      // The second 02:00–03:00 of 26 October (winter time again) reads as the first, an hour earlier.
      const repeated = wall.startsWith('2025-10-26T02:') && dtg.endsWith('+01:00');
      const parsed = parseOsloWallClock(wall);
      expect([dtg, parsed.ok && new Date(parsed.dtg).getTime()]).toEqual([dtg, repeated ? ms - 3_600_000 : ms]);
    }
  });
});
