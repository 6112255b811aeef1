/**
 * bulk/kjennemerke, bulk/kuid and bulk/understellsnummer: request validation, the array envelope
 * of docs/contract.md#s7a and docs/contract.md#s7d, the bulk limit of docs/contract.md#s7c, and routing.
 */
import { BULK_TOO_LARGE, DEFAULT_MAX_BULK_SIZE } from '../../src/contract-assumptions.js';
import { createRegister } from '../../src/data/register.js';
import { handleSvvRequest } from '../../src/svv/handler.js';
import { get, post, story, type Element } from './support/svv-calls.js';

const register = createRegister({ seed: 1, vehicles: 1_000 });
const codes = (element: Element | undefined) => element?.responskoder.map((code) => code.kode);

describe('bulk/kjennemerke', () => {
  it('answers one element per item in request order: found, not found, unavailable', () => {
    const result = post(register, '/bulk/kjennemerke', [
      { kjennemerke: 'EC80261' },
      { kjennemerke: 'XX99999' },
      { kjennemerke: 'ST10008' },
      { kjennemerke: 'br12345', dtg: '2018-11-15T23:00:00.000+01:00' },
      { kjennemerke: 'cu 10942' },
    ]);
    expect(result.status).toBe(200);
    expect(result.itemsLookedUp).toBe(5);
    const [ec, xx, unavailable, br, cu] = result.body as Element[];
    expect(ec?.kjoretoy?.kjoretoyId.kjennemerke).toBe('EC 80261');
    expect(ec?.responskoder).toEqual([]);
    expect(xx).toEqual({ responskoder: [{ kode: 'KJORETOY_IKKE_FUNNET', beskrivelse: 'Fant ikke kjøretøy' }] });
    expect(unavailable?.kjoretoy).toBeUndefined();
    expect(codes(unavailable)).toEqual(['OPPLYSNINGER_UTILGJENGELIG']);
    expect(codes(br)).toEqual(['KJORETOY_IKKE_FUNNET']);
    expect(cu?.kjoretoy?.kjoretoyId.kjennemerke).toBe('CU 10942');
  });

  it('accepts dtg with Z and without milliseconds', () => {
    const result = post(register, '/bulk/kjennemerke', [
      { kjennemerke: 'CU10942', dtg: '2023-06-01T10:00:00Z' },
      { kjennemerke: 'CU10942', dtg: '2023-06-01T12:00:00+02:00' },
    ]);
    expect(result.status).toBe(200);
    expect((result.body as Element[]).every((element) => element.kjoretoy !== undefined)).toBe(true);
  });

  it('rejects a body with malformed items with 400, naming every bad element and never its value', () => {
    const result = post(register, '/bulk/kjennemerke', [
      { kjennemerke: 'CU10942' },
      { kjennemerke: 12345 },
      'EC80261',
      { kjennemerke: 'EC80261', dtg: '2023-06-01T12:00:00.000 02:00' },
      { kuid: '3378119709' },
    ]);
    expect(result.status).toBe(400);
    const { responskoder } = result.body as { responskoder: { kode: string; beskrivelse: string }[] };
    expect(responskoder.map((code) => code.beskrivelse.split(':')[0])).toEqual([
      'Element 1',
      'Element 2',
      'Element 3',
      'Element 4',
    ]);
    expect(responskoder.every((code) => code.kode === 'UGYLDIG_FORESPORSEL')).toBe(true);
    expect(JSON.stringify(responskoder)).not.toContain('EC80261');
  });

  it.each([
    ['not JSON', '[{"kjennemerke":'],
    ['an object', '{"kjennemerke":"CU10942"}'],
    ['empty', ''],
  ])('rejects a body that is %s with 400', (_label, body) => {
    const result = post(register, '/bulk/kjennemerke', body);
    expect(result.status).toBe(400);
    expect((result.body as { responskoder: unknown[] }).responskoder).toHaveLength(1);
  });

  it('accepts exactly maxBulkSize items and rejects one more with 400 (docs/contract.md#s7c)', () => {
    const items = (n: number) => Array.from({ length: n }, () => ({ kjennemerke: 'CU10942' }));
    expect(post(register, '/bulk/kjennemerke', items(DEFAULT_MAX_BULK_SIZE)).status).toBe(200);
    const tooMany = post(register, '/bulk/kjennemerke', items(DEFAULT_MAX_BULK_SIZE + 1));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({ responskoder: [BULK_TOO_LARGE] });
    expect(tooMany.itemsLookedUp).toBe(0);
  });

  it('honours a configured maxBulkSize', () => {
    const options = { maxBulkSize: 2 };
    const body = JSON.stringify([{ kjennemerke: 'CU10942' }, { kjennemerke: 'EC80261' }, { kjennemerke: 'CU10001' }]);
    const result = handleSvvRequest(
      register,
      { method: 'POST', path: '/bulk/kjennemerke', query: new URLSearchParams(), body },
      options,
    );
    expect(result.status).toBe(400);
  });
});

describe('bulk/kuid', () => {
  it('looks vehicles up by kuid in request order', () => {
    const result = post(register, '/bulk/kuid', [
      { kuid: '3378119451' },
      { kuid: '0000000000' },
      { kuid: '3378119709' },
    ]);
    expect(result.status).toBe(200);
    const [ec, missing, cu] = result.body as Element[];
    expect(ec?.kjoretoy?.kjoretoyId.kjennemerke).toBe('EC 80261');
    expect(codes(missing)).toEqual(['KJORETOY_IKKE_FUNNET']);
    expect(cu?.kjoretoy?.kjoretoyId.kjennemerke).toBe('CU 10942');
  });

  it('rejects items without a string kuid', () => {
    expect(post(register, '/bulk/kuid', [{ kjennemerke: 'CU10942' }]).status).toBe(400);
    expect(post(register, '/bulk/kuid', [{ kuid: 3378119451 }]).status).toBe(400);
  });
});

describe('bulk/understellsnummer', () => {
  it('answers an array with one element per vehicle carrying the VIN', () => {
    const result = get(register, '/bulk/understellsnummer/TESTDIGDIR0000016');
    expect(result.status).toBe(200);
    expect((result.body as Element[]).map((e) => e.kjoretoy?.kjoretoyId.kjennemerke)).toEqual(['CU 10942']);
    const shared = get(register, `/bulk/understellsnummer/${story(register, 'delt-vin-ny').understellsnummer}`);
    expect(shared.body as Element[]).toHaveLength(2);
    expect(shared.itemsLookedUp).toBe(2);
  });

  it('answers a single not-found element for an unknown VIN and for a dtg before the vehicle existed', () => {
    expect(codes((get(register, '/bulk/understellsnummer/WVWZZZ1KZ6W999999').body as Element[])[0])).toEqual([
      'KJORETOY_IKKE_FUNNET',
    ]);
    const early = get(register, '/bulk/understellsnummer/TESTDIGDIR0000016', { dtg: '2020-01-01T00:00:00.000+01:00' });
    expect(codes((early.body as Element[])[0])).toEqual(['KJORETOY_IKKE_FUNNET']);
  });

  it('decodes a percent-encoded VIN and rejects an unencoded + in dtg with 400', () => {
    expect(get(register, '/bulk/understellsnummer/TESTDIGDIR%30000016').status).toBe(200);
    const plusAsSpace = get(register, '/bulk/understellsnummer/TESTDIGDIR0000016', {
      dtg: '2023-06-01T12:00:00.000 02:00',
    });
    expect(plusAsSpace.status).toBe(400);
  });
});

describe('routing', () => {
  it('answers unknown paths with a plain 404 and wrong methods with 405', () => {
    expect(get(register, '/bulk/prkid')).toEqual({ status: 404, body: undefined, itemsLookedUp: 0 });
    expect(get(register, '/sok/ukjent').status).toBe(404);
    const wrongMethod = get(register, '/bulk/kjennemerke');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers).toEqual({ Allow: 'POST' });
    expect(post(register, '/sok/eiernavn', '').status).toBe(405);
    expect(post(register, '/bulk/understellsnummer/TESTDIGDIR0000016', '').status).toBe(405);
  });
});
