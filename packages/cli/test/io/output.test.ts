import { flatten, renderCsv, resolveFormat } from '../../src/io/output.js';
import { parseSokParams } from '../../src/commands/sok.js';
import { UsageError } from '../../src/usage-error.js';

describe('resolveFormat', () => {
  it('defaults to a table on a terminal and JSON in a pipe', () => {
    expect(resolveFormat(undefined, 'teknisk', { write: () => true, isTTY: true })).toBe('table');
    expect(resolveFormat(undefined, 'teknisk', { write: () => true })).toBe('json');
  });

  it('defaults --fields full to JSON and refuses table and CSV for it', () => {
    expect(resolveFormat(undefined, 'full', { write: () => true, isTTY: true })).toBe('json');
    expect(() => resolveFormat('csv', 'full', { write: () => true })).toThrow(UsageError);
  });
});

describe('CSV', () => {
  it('unwraps kjoretoy, dots nested fields, joins scalar lists and quotes where needed', () => {
    expect(
      flatten({
        input: 'A',
        status: 'found',
        kjoretoy: { merke: 'X', eier: { navn: 'N, M' }, drivstoff: ['Bensin', 'Elektrisk'] },
      }),
    ).toEqual({
      input: 'A',
      status: 'found',
      merke: 'X',
      'eier.navn': 'N, M',
      drivstoff: 'Bensin; Elektrisk',
    });
  });

  it('keeps one input column when some inputs carry their own dtg', () => {
    const csv = renderCsv([
      { input: { kjennemerke: 'CU10942', dtg: '2024-01-01T00:00:00+01:00' }, status: 'found' },
      { input: 'XX99999', status: 'not_found' },
    ]);
    expect(csv).toBe('input,dtg,status\nCU10942,2024-01-01T00:00:00+01:00,found\nXX99999,,not_found\n');
  });

  it('uses the union of columns in first-seen order', () => {
    const csv = renderCsv([
      { input: 'XX99999', status: 'not_found' },
      { input: 'CU10942', status: 'found', kjoretoy: { merke: 'MITSUBISHI', farge: 'Svart "blank"' } },
    ]);
    expect(csv).toBe('input,status,merke,farge\nXX99999,not_found,,\nCU10942,found,MITSUBISHI,"Svart ""blank"""\n');
  });
});

describe('parseSokParams', () => {
  it('fills the main parameter from bare words and types booleans and numbers', () => {
    expect(parseSokParams('eiernavn', ['KARI', 'NORDMANN', 'erPerson=ja', 'antall=5', 'postnummer=0640'])).toEqual({
      navn: 'KARI NORDMANN',
      erPerson: true,
      antall: 5,
      postnummer: '0640',
    });
  });

  it('refuses a parameter given twice and a non-boolean flag', () => {
    expect(() => parseSokParams('kjennemerke', ['CU10942', 'kjennemerke=EC80261'])).toThrow(UsageError);
    expect(() => parseSokParams('kjennemerke', ['CU10942', 'ekskluderVraketUtfort=kanskje'])).toThrow(/true or false/);
  });
});
