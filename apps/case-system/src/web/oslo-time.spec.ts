import { parseOsloLocal, toOsloLocalInput } from './oslo-time.js';

describe('Oslo wall-clock time from a datetime-local input', () => {
  it('reads winter time as +01:00 and summer time as +02:00', () => {
    expect(parseOsloLocal('2024-03-01T10:00')).toEqual({ ok: true, iso: '2024-03-01T10:00:00.000+01:00' });
    expect(parseOsloLocal('2024-07-01T10:00:30')).toEqual({ ok: true, iso: '2024-07-01T10:00:30.000+02:00' });
  });

  it('refuses the hour the clocks skip in spring and reads the repeated autumn hour as summer time', () => {
    expect(parseOsloLocal('2024-03-31T02:30')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(parseOsloLocal('2024-10-27T02:30')).toEqual({ ok: true, iso: '2024-10-27T02:30:00.000+02:00' });
  });

  it('refuses what is not a date and time', () => {
    for (const value of ['', '2024-02-30T10:00', '2024-13-01T10:00', '10:00', '2024-03-01 10:00x']) {
      expect([value, parseOsloLocal(value).ok]).toEqual([value, false]);
    }
  });

  it('writes an instant back as Oslo wall-clock time', () => {
    expect(toOsloLocalInput('2024-03-15T11:00:00Z')).toBe('2024-03-15T12:00');
    expect(toOsloLocalInput('2024-07-01T08:00:00Z')).toBe('2024-07-01T10:00');
  });
});
