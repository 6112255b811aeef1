/**
 * Every kind of response body the SVV layer produces validates against the SVV OpenAPI schemas
 * (tightened so unknown keys fail), for all story vehicles and a sample of generated ones.
 */
import type { ValidateFunction } from 'ajv';
import { createRegister } from '../../src/data/register.js';
import { expectValid, svvValidators } from './support/svv-spec.js';
import { get, post, requestPlate, type SokBody } from './support/svv-calls.js';

const register = createRegister({ seed: 1, vehicles: 3_000 });
const validator = svvValidators();

function validateElements(elements: unknown, label: string, validate: ValidateFunction): number {
  expect(Array.isArray(elements)).toBe(true);
  (elements as unknown[]).forEach((element, i) => expectValid(validate, element, `${label}[${i}]`));
  return (elements as unknown[]).length;
}

function assertSvvFormatting(value: unknown, path = '$'): void {
  if (value === null) throw new Error(`${path} is null; SVV omits absent scalars`);
  if (Array.isArray(value)) value.forEach((item, i) => assertSvvFormatting(item, `${path}[${i}]`));
  else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (child === undefined) throw new Error(`${path}.${key} is undefined`);
      if (key.endsWith('Tidspunkt') || key === 'gyldigFraDatoTid') {
        expect(child).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+0[12]:00$/);
      }
      assertSvvFormatting(child, `${path}.${key}`);
    }
  }
}

describe('SVV schema conformance', () => {
  const kjoretoyResponse = validator('KjoretoyResponse');
  const sokResponse = validator('KjoretoysokResponse');

  it('bulk/kjennemerke elements validate for every story vehicle, now and at past DTGs', () => {
    const dtgs = [undefined, '2019-06-01T12:00:00.000+02:00', '2023-01-01T00:00:00Z', '2024-06-01T12:00:00+02:00'];
    for (const dtg of dtgs) {
      const items = register.storyVehicles.map((vehicle) => ({
        kjennemerke: requestPlate(vehicle.kjennemerke),
        ...(dtg ? { dtg } : {}),
      }));
      const result = post(register, '/bulk/kjennemerke', [...items, { kjennemerke: 'XX99999' }]);
      expect(result.status).toBe(200);
      expect(validateElements(result.body, `bulk@${dtg}`, kjoretoyResponse)).toBe(items.length + 1);
      assertSvvFormatting(result.body);
    }
  });

  it('bulk/kuid elements validate for a sample of generated vehicles', () => {
    const kuids: { kuid: string }[] = [];
    for (let index = register.storyVehicles.length; index < register.size; index += 29) {
      kuids.push({ kuid: register.record(index).kuid });
    }
    for (let start = 0; start < kuids.length; start += 100) {
      const result = post(register, '/bulk/kuid', kuids.slice(start, start + 100));
      expect(result.status).toBe(200);
      validateElements(result.body, 'bulk/kuid', kjoretoyResponse);
      assertSvvFormatting(result.body);
    }
    expect(kuids.length).toBeGreaterThan(90);
  });

  it('bulk/understellsnummer elements validate, including a VIN shared by two vehicles', () => {
    for (const vehicle of register.storyVehicles) {
      const result = get(register, `/bulk/understellsnummer/${encodeURIComponent(vehicle.understellsnummer)}`);
      expect(result.status).toBe(200);
      validateElements(result.body, `vin ${vehicle.key}`, kjoretoyResponse);
    }
  });

  it('all six vehicle searches return a valid KjoretoysokResponse', () => {
    const searches: [string, Record<string, string>][] = [
      ['/sok/kjennemerke', { kjennemerke: 'ST100??', antall: '20' }],
      ['/sok/understellsnummer', { understellsnummer: 'TEST*' }],
      ['/sok/fodselsnummer', { fodselsnummer: '11893600096' }],
      ['/sok/organisasjonsnummer', { organisasjonsnummer: '879263662' }],
      ['/sok/kundeid', { kundeid: '124000639' }],
      ['/sok/eiernavn', { navn: 'JARLE BERGER', fra: '1', antall: '50' }],
    ];
    for (const [path, query] of searches) {
      const result = get(register, path, query);
      expect({ path, status: result.status }).toEqual({ path, status: 200 });
      expectValid(sokResponse, result.body, path);
      assertSvvFormatting(result.body);
      expect((result.body as SokBody).kjoretoyresponser.length).toBeGreaterThan(0);
    }
  });

  it('sok/kunde returns a valid KundeSokResponse', () => {
    const result = get(register, '/sok/kunde', { eiertype: 'BEGGE', navn: 'NORSK SCANIA AS' });
    expect(result.status).toBe(200);
    expectValid(validator('KundeSokResponse'), result.body, 'sok/kunde');
    assertSvvFormatting(result.body);
  });

  it('400 bodies validate against the schema the spec declares for them', () => {
    const sok = get(register, '/sok/kjennemerke', { kjennemerke: 'A????' });
    expect(sok.status).toBe(400);
    expectValid(sokResponse, sok.body, 'sok 400');
    const kunde = get(register, '/sok/kunde', { navn: 'X' });
    expect(kunde.status).toBe(400);
    expectValid(validator('KundeSokResponse'), kunde.body, 'kunde 400');
    const bulk = post(register, '/bulk/kjennemerke', [{ kjennemerke: 7 }]);
    expect(bulk.status).toBe(400);
    expectValid(sokResponse, bulk.body, 'bulk 400 (responskoder only)');
  });

  it('the tightened schemas reject an invented key, so the checks above can fail', () => {
    const result = post(register, '/bulk/kjennemerke', [{ kjennemerke: 'CU10942' }]);
    const [element] = result.body as [{ kjoretoy: Record<string, unknown> }];
    expect(kjoretoyResponse({ ...element, kjoretoy: { ...element.kjoretoy, sistgodkjent: '2023-01-01' } })).toBe(false);
    expect(kjoretoyResponse(element)).toBe(true);
  });
});
