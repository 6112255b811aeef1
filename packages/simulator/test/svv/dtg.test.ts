/**
 * DTG semantics (docs/contract.md#s4.7) through bulk/kjennemerke, bulk/kuid and the VIN lookup, proven
 * with the story vehicles: ownership, registration and plates as they were at the DTG;
 * technical data, names and addresses current.
 */
import { createRegister } from '../../src/data/register.js';
import { formatOsloDateTime } from '../../src/data/time.js';
import { STORY_TIMES } from '../../src/data/seed/story-vehicles.js';
import { get, post, story, type Element } from './support/svv-calls.js';

const register = createRegister({ seed: 1, vehicles: 2_000 });

function lookupPlate(kjennemerke: string, dtg?: string): Element {
  const result = post(register, '/bulk/kjennemerke', [{ kjennemerke, ...(dtg ? { dtg } : {}) }]);
  expect(result.status).toBe(200);
  return (result.body as Element[])[0] as Element;
}

const iso = (ms: number) => formatOsloDateTime(ms);

describe('DTG: owner changed on a known date', () => {
  const before = iso(STORY_TIMES.eierskifte - 1);
  const after = iso(STORY_TIMES.eierskifte);

  it('shows the seller just before the sale, with the sale as tilTidspunkt', () => {
    const element = lookupPlate('ST10001', before);
    expect(element.kjoretoy?.eierskap?.['eier']?.person).toMatchObject({ fornavn: 'SIGRID', etternavn: 'TESTRUD' });
    expect(element.kjoretoy?.eierskap?.['eier']?.tilTidspunkt).toBe('2024-03-15T12:00:00.000+01:00');
    expect(element.kjoretoy?.registrering?.tilTidspunkt).toBe('2024-03-15T12:00:00.000+01:00');
  });

  it('shows the buyer from the sale on and without a dtg, with no tilTidspunkt', () => {
    for (const dtg of [after, undefined]) {
      const eier = lookupPlate('ST10001', dtg).kjoretoy?.eierskap?.['eier'];
      expect(eier?.person).toMatchObject({ fornavn: 'MAGNUS', etternavn: 'PRØVESEN' });
      expect(eier?.fomTidspunkt).toBe('2024-03-15T12:00:00.000+01:00');
      expect(eier?.tilTidspunkt).toBeUndefined();
    }
  });

  it('keeps technical data and current names and addresses whatever the dtg', () => {
    const old = lookupPlate('ST10001', '2022-01-01T12:00:00Z').kjoretoy;
    const now = lookupPlate('ST10001').kjoretoy;
    expect(old?.godkjenning).toEqual(now?.godkjenning);
    const seller = lookupPlate('ST10001', before).kjoretoy?.eierskap?.['eier'];
    const sellerNow = get(register, '/sok/kunde', { eiertype: 'PERSON', navn: 'SIGRID TESTRUD' }).body as {
      kunder: { personEnhet: { adresse: unknown } }[];
    };
    expect((seller as { adresse?: unknown }).adresse).toEqual(sellerNow.kunder[0]?.personEnhet.adresse);
  });

  it('answers the same through bulk/kuid', () => {
    const kuid = story(register, 'eierskifte').kuid;
    const result = post(register, '/bulk/kuid', [
      { kuid, dtg: before },
      { kuid, dtg: after },
    ]);
    const [a, b] = result.body as Element[];
    expect(a?.kjoretoy?.eierskap?.['eier']?.person?.fornavn).toBe('SIGRID');
    expect(b?.kjoretoy?.eierskap?.['eier']?.person?.fornavn).toBe('MAGNUS');
  });

  it('finds nothing before the first registration', () => {
    expect(lookupPlate('ST10001', '2021-05-10T09:59:59+02:00').responskoder[0]?.kode).toBe('KJORETOY_IKKE_FUNNET');
    expect(lookupPlate('ST10001', '2021-05-10T10:00:00+02:00').kjoretoy).toBeDefined();
  });
});

describe('DTG: plates and registration status over time', () => {
  it('finds the vehicle that carried a moved personal plate at the time', () => {
    const from = story(register, 'plate-fra');
    const to = story(register, 'plate-til');
    expect(lookupPlate('OLAN', '2023-01-01T12:00:00+01:00').kjoretoy?.kjoretoyId.kuid).toBe(from.kuid);
    expect(lookupPlate('OLAN', iso(STORY_TIMES.plateFlyttet - 1)).kjoretoy?.kjoretoyId.kuid).toBe(from.kuid);
    expect(lookupPlate('OLAN', iso(STORY_TIMES.plateFlyttet)).kjoretoy?.kjoretoyId.kuid).toBe(to.kuid);
    expect(lookupPlate('OLAN').kjoretoy?.kjoretoyId.kuid).toBe(to.kuid);
  });

  it('lists only the plates attached at the dtg, with the detach time where one follows', () => {
    const then = lookupPlate('ST10009', '2023-01-01T12:00:00+01:00').kjoretoy?.kjennemerke;
    expect(then?.map((p) => [p.kjennemerke, p.kjennemerkekategori, p.tilTidspunkt])).toEqual([
      ['ST 10009', 'KJORETOY', undefined],
      ['OLAN', 'PERSONLIG', '2024-06-01T10:00:00.000+02:00'],
    ]);
    expect(lookupPlate('ST10009').kjoretoy?.kjennemerke.map((p) => p.kjennemerke)).toEqual(['ST 10009']);
  });

  it('shows a personal plate as the vehicle identity once attached, and the ordinary plate before', () => {
    expect(lookupPlate('TESLA1').kjoretoy?.kjoretoyId.kjennemerke).toBe('TESLA1');
    expect(lookupPlate('ST10006', '2021-01-01T12:00:00+01:00').kjoretoy?.kjoretoyId.kjennemerke).toBe('ST 10006');
    expect(lookupPlate('TESLA1', '2021-01-01T12:00:00+01:00').kjoretoy).toBeUndefined();
  });

  it.each([
    ['ST10004', 'VRAKET', STORY_TIMES.vraket],
    ['ST10005', 'UTFORT', STORY_TIMES.utfort],
    ['ST10011', 'AVREGISTRERT', STORY_TIMES.avregistrert],
  ])('%s is REGISTRERT before and %s from its story time on', (plate, status, at) => {
    expect(lookupPlate(plate, iso(at - 1)).kjoretoy?.registrering?.registreringsstatus.kodeVerdi).toBe('REGISTRERT');
    expect(lookupPlate(plate, iso(at)).kjoretoy?.registrering?.registreringsstatus.kodeVerdi).toBe(status);
    expect(lookupPlate(plate).kjoretoy?.registrering?.registreringsstatus.kodeVerdi).toBe(status);
  });

  it('returns both vehicles of a shared VIN now, but only the older one before the newer existed', () => {
    const vin = story(register, 'delt-vin-ny').understellsnummer;
    const now = get(register, `/bulk/understellsnummer/${vin}`).body as Element[];
    expect(now.map((e) => e.kjoretoy?.kjoretoyId.kuid).sort()).toEqual(
      [story(register, 'delt-vin-gammel').kuid, story(register, 'delt-vin-ny').kuid].sort(),
    );
    const then = get(register, `/bulk/understellsnummer/${vin}`, { dtg: '2010-01-01T12:00:00.000+01:00' })
      .body as Element[];
    expect(then.map((e) => e.kjoretoy?.kjoretoyId.kuid)).toEqual([story(register, 'delt-vin-gammel').kuid]);
  });
});

describe('DTG: generated vehicles', () => {
  it('give different owners either side of an ownership change', () => {
    let checked = 0;
    for (let index = register.storyVehicles.length; index < register.size && checked < 20; index++) {
      const record = register.record(index);
      if (record.ownerships.length < 2 || record.unavailable || record.unntattOffentlighet.length > 0) continue;
      const change = record.ownerships[1]?.fom as number;
      const plate = record.plates[0]?.kjennemerke as string;
      const before = lookupPlate(plate, iso(change - 1)).kjoretoy?.eierskap?.['eier'];
      const after = lookupPlate(plate, iso(change)).kjoretoy?.eierskap?.['eier'];
      expect(before?.fomTidspunkt).not.toBe(after?.fomTidspunkt);
      expect(before?.tilTidspunkt).toBe(after?.fomTidspunkt);
      checked++;
    }
    expect(checked).toBe(20);
  });
});
