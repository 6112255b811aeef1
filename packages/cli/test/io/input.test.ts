import { parseItems, splitCsvLine } from '../../src/io/input.js';
import { UsageError } from '../../src/usage-error.js';

describe('parseItems', () => {
  it('reads one identifier per line, skipping blank lines and comments, keeping the values untouched', () => {
    expect(parseItems('CU10942\r\n\n# kommentar\n  ec 80261 \nbr-12345\n', 'kjennemerke')).toEqual([
      'CU10942',
      'ec 80261',
      'br-12345',
    ]);
  });

  it('reads CSV with a header in any column order, with per-line dtg', () => {
    const text = '\uFEFFdtg;kjennemerke;merknad\n2024-01-01T00:00:00+01:00;CU10942;x\n;XX99999;y\n';
    expect(parseItems(text, 'kjennemerke')).toEqual([
      { kjennemerke: 'CU10942', dtg: '2024-01-01T00:00:00+01:00' },
      'XX99999',
    ]);
  });

  it('reads headerless id,dtg lines', () => {
    expect(parseItems('3378119709,2024-01-01T00:00:00Z\n3378119451\n', 'kuid')).toEqual([
      { kuid: '3378119709', dtg: '2024-01-01T00:00:00Z' },
      '3378119451',
    ]);
  });

  it('keeps an empty identifier cell at its position so core reports it there', () => {
    expect(parseItems('kjennemerke,dtg\nCU10942,\n,2024-01-01T00:00:00Z\n', 'kjennemerke')).toEqual([
      'CU10942',
      { kjennemerke: '', dtg: '2024-01-01T00:00:00Z' },
    ]);
  });

  it('refuses a header that names the other identifier', () => {
    expect(() => parseItems('kuid\n3378119709\n', 'kjennemerke')).toThrow(UsageError);
    expect(() => parseItems('kuid\n3378119709\n', 'kjennemerke')).toThrow(/oppslag kuid/);
  });
});

describe('splitCsvLine', () => {
  it('honours quotes and doubled quotes', () => {
    expect(splitCsvLine('"a,b", "c""d" ,e', ',')).toEqual(['a,b', 'c"d', 'e']);
  });
});
