import { measureRegisterFootprint } from '../../src/data/footprint.js';
import { createRegister, type LookupResult } from '../../src/data/register.js';
import { loadSvvExample } from '../svv/support/svv-spec.js';
import { story } from '../svv/support/svv-calls.js';

function found(result: LookupResult): Extract<LookupResult, { status: 'found' }> {
  if (result.status !== 'found') throw new Error(`expected a vehicle, got ${result.status}`);
  return result;
}

describe('register determinism', () => {
  it('gives the same vehicles for the same seed and different ones for another seed', () => {
    const a = createRegister({ seed: 42, vehicles: 2_000 });
    const b = createRegister({ seed: 42, vehicles: 2_000 });
    const c = createRegister({ seed: 43, vehicles: 2_000 });
    const sample = [20, 100, 777, 1_999];
    const render = (register: typeof a) => sample.map((index) => JSON.stringify(register.lookup(index)));
    expect(render(b)).toEqual(render(a));
    expect(render(c)).not.toEqual(render(a));
  });

  it('rejects more generated vehicles than VIN serials allow, and invalid options', () => {
    expect(() => createRegister({ vehicles: 1_000_100 })).toThrow(RangeError);
    expect(() => createRegister({ vehicles: -1 })).toThrow(TypeError);
    expect(() => createRegister({ seed: 1.5 })).toThrow(TypeError);
  });

  it('keeps the story vehicles identical whatever the seed and size', () => {
    const small = createRegister({ seed: 1, vehicles: 0 });
    const large = createRegister({ seed: 99, vehicles: 50_000 });
    expect(small.size).toBe(small.storyVehicles.length);
    for (const vehicle of small.storyVehicles) {
      expect(JSON.stringify(large.lookup(vehicle.index))).toBe(JSON.stringify(small.lookup(vehicle.index)));
    }
  });
});

describe('register lookups', () => {
  const register = createRegister({ seed: 11, vehicles: 5_000 });

  it('finds every sampled generated vehicle again by its plate, kuid and VIN', () => {
    for (let index = register.storyVehicles.length; index < register.size; index += 97) {
      const vehicle = found(register.lookup(index)).kjoretoy.kjoretoyId;
      const ordinary = register.record(index).plates.find((plate) => plate.kategori === 'KJORETOY');
      expect(found(register.findByKjennemerke(ordinary?.kjennemerke ?? '')).index).toBe(index);
      expect(found(register.findByKuid(vehicle.kuid)).index).toBe(index);
      expect(register.findByUnderstellsnummer(vehicle.understellsnummer).map((result) => result.status)).toEqual([
        'found',
      ]);
    }
  });

  it('matches plates case-insensitively and ignores spaces and hyphens', () => {
    expect(found(register.findByKjennemerke('cu 10942')).index).toBe(story(register, 'cu10942').index);
    expect(found(register.findByKjennemerke('cu-10942')).index).toBe(story(register, 'cu10942').index);
  });

  it('does not find XX99999, an unknown kuid or an unknown VIN', () => {
    expect(register.findByKjennemerke('XX99999').status).toBe('not-found');
    expect(register.findByKuid('9999999999').status).toBe('not-found');
    expect(register.findByUnderstellsnummer('WVWZZZ1KZ6W999999')).toEqual([]);
  });

  it('answers the unavailable story vehicle as unavailable, not as found', () => {
    expect(register.findByKjennemerke('ST10008').status).toBe('unavailable');
  });

  it('gives each personal plate to one vehicle only', () => {
    const owners = new Map<string, number>();
    for (let index = register.storyVehicles.length; index < register.size; index++) {
      for (const plate of register.record(index).plates) {
        if (plate.kategori !== 'PERSONLIG') continue;
        expect(owners.has(plate.kjennemerke)).toBe(false);
        owners.set(plate.kjennemerke, index);
        expect(found(register.findByKjennemerke(plate.kjennemerke)).index).toBe(index);
      }
    }
    expect(owners.size).toBeGreaterThan(20);
  });

  it('generates owner changes, co-owners, leasing, sub-units, shielding and every status', () => {
    const seen = new Set<string>();
    for (let index = register.storyVehicles.length; index < register.size; index++) {
      const record = register.record(index);
      if (record.ownerships.length > 1) seen.add('eierskifte');
      for (const span of record.ownerships) {
        if (span.medeier !== undefined) seen.add('medeier');
        if (span.leasingtaker !== undefined) seen.add('leasingtaker');
        if (span.underenhet !== undefined) seen.add('underenhet');
      }
      for (const span of record.registrations) seen.add(span.status);
      if (record.unntattOffentlighet.includes('EIERSKAP')) seen.add('EIERSKAP');
      if (record.unavailable) seen.add('unavailable');
    }
    expect([...seen].sort()).toEqual(
      [
        'AVREGISTRERT',
        'EIERSKAP',
        'REGISTRERT',
        'UTFORT',
        'VRAKET',
        'eierskifte',
        'leasingtaker',
        'medeier',
        'underenhet',
        'unavailable',
      ].sort(),
    );
  });
});

describe('docs/contract.md#s6 vehicles', () => {
  const register = createRegister({});

  it('returns CU 10942 and EC 80261 as SVV recorded them (plus fodselsnummer, minus trimmed godkjenning detail)', () => {
    const sample = loadSvvExample();
    for (const [i, plate] of ['CU10942', 'EC80261'].entries()) {
      const ours = structuredClone(found(register.findByKjennemerke(plate)).kjoretoy) as unknown as Record<
        string,
        unknown
      >;
      const theirs = sample.kjoretoyresponser[i]?.kjoretoy as Record<string, unknown>;
      const eierskap = ours['eierskap'] as Record<string, { person?: { fodselsnummer?: string } }>;
      for (const role of Object.values(eierskap)) if (typeof role === 'object') delete role.person?.fodselsnummer;
      for (const key of ['kjoretoyId', 'forstegangsregistrering', 'eierskap', 'kjennemerke', 'registrering']) {
        expect({ key, value: ours[key] }).toEqual({ key, value: theirs[key] });
      }
      const kontroll = theirs['periodiskKjoretoyKontroll'] as { kontrollfrist: string; SistGodkjent?: string };
      expect(ours['periodiskKjoretoyKontroll']).toEqual({
        kontrollfrist: kontroll.kontrollfrist,
        ...(kontroll.SistGodkjent ? { sistGodkjent: kontroll.SistGodkjent } : {}),
      });
      const teknisk = (g: unknown) =>
        (g as { tekniskGodkjenning: { tekniskeData: Record<string, unknown> } }).tekniskGodkjenning.tekniskeData;
      for (const part of ['generelt', 'vekter', 'motorOgDrivverk', 'dimensjoner']) {
        expect(teknisk(ours['godkjenning'])[part]).toEqual(teknisk(theirs['godkjenning'])[part]);
      }
    }
  });

  it('seeds the other docs/contract.md#s6 vehicles with their documented values', () => {
    const cu10001 = found(register.findByKjennemerke('CU10001')).kjoretoy;
    expect(cu10001.kjoretoyId).toMatchObject({
      kuid: '3378041341',
      understellsnummer: 'TESTSISDINKY00004',
      merkekode: '4350',
    });
    expect(cu10001.forstegangsregistrering.registrertForstegangNorgeDato).toBe('2019-11-04');
    expect(cu10001.eierskap?.eier?.person).toMatchObject({
      fornavn: 'LEDENDE',
      etternavn: 'FIRKANT',
      fodselsnummer: '63888700414',
    });
    const cu11306 = found(register.findByKjennemerke('CU11306')).kjoretoy;
    expect(cu11306.kjoretoyId.understellsnummer).toBe('SISDINKY35995054');
    expect(cu11306.eierskap?.eier?.enhet).toEqual({
      organisasjonsnavn: 'NORSK SCANIA AS',
      organisasjonsnummer: '879263662',
    });
    expect(cu11306.eierskap?.leasingtaker?.enhet?.organisasjonsnummer).toBe('973114468');
    expect(found(register.findByKjennemerke('CU11293')).kjoretoy.kjoretoyId.understellsnummer).toBe('SISDINKY89778834');
    expect(found(register.findByKjennemerke('CU10149')).kjoretoy.kjoretoyId.understellsnummer).toBe(
      'TESTMINBIL0000001',
    );
  });
});

describe('footprint probe', () => {
  it('reports size, timings and the bytes held by the lazily built indexes', () => {
    const footprint = measureRegisterFootprint({ seed: 1, vehicles: 2_000 });
    expect(footprint.vehicles).toBe(2_000);
    expect(footprint.indexBytes).toBeGreaterThan(2_000 * 8);
    expect(footprint.warmUpMs).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(footprint.retainedBytes)).toBe(true);
  });
});
