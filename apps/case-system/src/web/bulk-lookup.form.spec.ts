import { bulkLookupConfig } from '../bulk-lookups/bulk-lookup.config.js';
import type { WebLookupConfig } from '../config/web-lookup.config.js';
import { parseDtg, validateBulkLookup, type BulkLookupForm } from './bulk-lookup.form.js';

const webLookup: WebLookupConfig = {
  purposes: ['HENSATT_KJORETOY'],
  legalBases: ['vegtrafikkloven § 37'],
  freeTextPurpose: false,
  freeTextLegalBasis: false,
  fodselsnummerRoles: [],
  pageSize: 20,
};
const config = { webLookup, bulkLookup: { maxLines: 5, maxBytes: 10_000 } };
const form = (linjer: string, type = 'kjennemerke'): BulkLookupForm => ({
  formal: 'HENSATT_KJORETOY',
  formalAnnet: '',
  hjemmel: 'vegtrafikkloven § 37',
  hjemmelAnnet: '',
  type,
  linjer,
});
const file = (text: string, encoding: BufferEncoding = 'utf8') => {
  const buffer = Buffer.from(text, encoding);
  return { originalname: 'liste.csv', size: buffer.length, buffer };
};

describe('parseDtg', () => {
  it('reads Oslo wall-clock time in both forms, winter and summer', () => {
    expect(parseDtg('2024-03-01 10:00')).toEqual({ ok: true, iso: '2024-03-01T10:00:00.000+01:00' });
    expect(parseDtg('1.6.2024 9:05')).toEqual({ ok: true, iso: '2024-06-01T09:05:00.000+02:00' });
  });

  it('takes ISO-8601 with an offset and gives it in Oslo time', () => {
    expect(parseDtg('2024-06-01T10:00:00Z')).toEqual({ ok: true, iso: '2024-06-01T12:00:00.000+02:00' });
  });

  it('reads ISO without an offset as Oslo time; refuses garbage, a skipped hour, an impossible date and the future', () => {
    expect(parseDtg('2024-06-01T10:00:00')).toEqual({ ok: true, iso: '2024-06-01T10:00:00.000+02:00' });
    expect(parseDtg('2024-06-01T10:00:00.5')).toMatchObject({ ok: false });
    expect(parseDtg('2024-03-31 02:30')).toMatchObject({ ok: false, message: expect.stringContaining('sommertid') });
    expect(parseDtg('31.02.2024 10:00')).toMatchObject({ ok: false });
    expect(parseDtg('2024-06-01 10:00', Date.parse('2024-05-01T00:00:00Z'))).toMatchObject({
      ok: false,
      message: 'tidspunktet kan ikke være frem i tid',
    });
  });
});

describe('validateBulkLookup', () => {
  it('skips a header line and empty lines, keeps line numbers and normalises identifiers', () => {
    const checked = validateBulkLookup(
      form(''),
      file('\uFEFFKjennemerke;Tidspunkt\r\n\r\nst 10001;2024-03-01 10:00\r\nCU10942,\r\n'),
      config,
    );
    expect(checked).toEqual({
      ok: true,
      request: {
        purpose: 'HENSATT_KJORETOY',
        legalBasis: 'vegtrafikkloven § 37',
        kind: 'kjennemerke',
        items: [
          { line: 3, value: 'ST10001', dtg: '2024-03-01T10:00:00.000+01:00' },
          { line: 4, value: 'CU10942' },
        ],
      },
    });
  });

  it('reads a Windows-1252 file (Excel) as well as UTF-8', () => {
    const checked = validateBulkLookup(form(''), file('kjennemerke\nBLÅBÆR', 'latin1'), config);
    expect(checked.ok ? checked.request.items.map((item) => item.value) : checked.errors).toEqual(['BLÅBÆR']);
  });

  it('refuses a file and pasted lines together, and more lines than the limit', () => {
    expect(validateBulkLookup(form('CU10942'), file('CU10942'), config)).toMatchObject({
      ok: false,
      errors: [{ field: 'fil', message: 'Last opp en fil eller lim inn linjer, ikke begge deler' }],
    });
    expect(validateBulkLookup(form('A1\nA2\nA3\nA4\nA5\nA6'), undefined, config)).toMatchObject({
      ok: false,
      errors: [{ field: 'linjer', message: 'Listen har 6 linjer; høyst 5 er tillatt' }],
    });
  });

  it('checks each identifier by the chosen kind', () => {
    expect(validateBulkLookup(form('3378300001\nABC', 'kuid'), undefined, config)).toMatchObject({
      ok: false,
      errors: [{ field: 'linjer', message: 'Linje 2: «ABC» er ikke en gyldig kuid' }],
    });
  });
});

describe('bulkLookupConfig', () => {
  it('defaults to 5 000 lines and 1 MB, and names a bad variable', () => {
    expect(bulkLookupConfig({})).toEqual({ ok: true, value: { maxLines: 5000, maxBytes: 1_000_000 } });
    expect(bulkLookupConfig({ BULK_LOOKUP_MAX_LINES: '0' })).toMatchObject({
      ok: false,
      issues: [{ variable: 'BULK_LOOKUP_MAX_LINES' }],
    });
  });
});
