import {
  displayKjennemerke,
  fodselsdatoOf,
  hasValidFodselsnummerChecksum,
  hasValidVinCheckCharacter,
  isSyntheticFodselsnummer,
  isValidOrganisasjonsnummer,
  kjonnOf,
  normaliseKjennemerke,
  vinCheckCharacter,
} from '../../src/data/identifiers.js';
import { createRegister } from '../../src/data/register.js';
import { MODELS } from '../../src/data/catalogue/models.js';
import { formatOsloDateTime, parseDtg } from '../../src/data/time.js';

describe('fødselsnummer', () => {
  it('accepts the documented synthetic test person and rejects a changed digit', () => {
    expect(isSyntheticFodselsnummer('63888700414')).toBe(true);
    expect(hasValidFodselsnummerChecksum('63888700415')).toBe(false);
    expect(fodselsdatoOf('63888700414')).toBe('1987-08-23');
  });

  it('rejects a valid-checksum number outside the synthetic series (month without +80)', () => {
    // 01017000000 is the spec's example; it is not in the synthetic series whatever its checksum.
    expect(isSyntheticFodselsnummer('01017000000')).toBe(false);
  });

  it('gives every generated person a unique synthetic number matching fodselsdato and kjonn', () => {
    const register = createRegister({ seed: 7, vehicles: 20_000 });
    const seen = new Set<string>();
    for (let id = 0; id < register.parties.size; id++) {
      const party = register.parties.party(id);
      if (!party?.person) continue;
      const { fodselsnummer, fodselsdato, kjonn } = party.person;
      expect(isSyntheticFodselsnummer(fodselsnummer)).toBe(true);
      expect(fodselsdatoOf(fodselsnummer)).toBe(fodselsdato);
      expect(kjonnOf(fodselsnummer)).toBe(kjonn);
      seen.add(fodselsnummer);
    }
    expect(seen.size).toBeGreaterThan(15_000);
    const persons = Array.from({ length: register.parties.size }, (_, id) => register.parties.party(id)).filter(
      (p) => p?.person,
    );
    expect(seen.size).toBe(persons.length);
  });
});

describe('organisasjonsnummer', () => {
  it('accepts the docs/contract.md#s6 organisations and rejects a changed digit', () => {
    expect(isValidOrganisasjonsnummer('879263662')).toBe(true);
    expect(isValidOrganisasjonsnummer('973114468')).toBe(true);
    expect(isValidOrganisasjonsnummer('879263663')).toBe(false);
  });

  it('gives every generated organisation and sub-unit a unique number with a valid mod-11 check digit', () => {
    const register = createRegister({ seed: 3, vehicles: 20_000 });
    const numbers = new Set<string>();
    let units = 0;
    for (let id = 0; id < register.parties.size; id++) {
      const enhet = register.parties.party(id)?.enhet;
      if (!enhet) continue;
      units++;
      expect(isValidOrganisasjonsnummer(enhet.organisasjonsnummer)).toBe(true);
      numbers.add(enhet.organisasjonsnummer);
      if (enhet.hovedenhet !== undefined) expect(register.parties.party(enhet.hovedenhet)?.enhet).toBeDefined();
    }
    expect(units).toBeGreaterThan(800);
    expect(numbers.size).toBe(units);
  });
});

describe('understellsnummer', () => {
  it('computes the ISO 3779 check character of a known VIN', () => {
    expect(vinCheckCharacter('1M8GDM9AXKP042788')).toBe('X');
    expect(hasValidVinCheckCharacter('1M8GDM9AXKP042788')).toBe(true);
    expect(hasValidVinCheckCharacter('1M8GDM9A1KP042788')).toBe(false);
  });

  it('generates unique 17-character VINs, with a valid check character where the make uses one', () => {
    const register = createRegister({ seed: 5, vehicles: 5_000 });
    const checkDigitPrefixes = new Set(
      MODELS.filter((model) => model.vin9.endsWith('?')).map((model) => model.vin9.slice(0, 8)),
    );
    const vins = new Set<string>();
    let checked = 0;
    for (let index = register.storyVehicles.length; index < register.size; index++) {
      const { understellsnummer } = register.vinOf(index);
      expect(understellsnummer).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
      if (checkDigitPrefixes.has(understellsnummer.slice(0, 8))) {
        expect(hasValidVinCheckCharacter(understellsnummer)).toBe(true);
        checked++;
      }
      vins.add(understellsnummer);
    }
    expect(checked).toBeGreaterThan(300);
    expect(vins.size).toBe(register.size - register.storyVehicles.length);
  });
});

describe('kjennemerke formatting', () => {
  it('normalises requests like KS sends them and displays ordinary plates with a space', () => {
    expect(normaliseKjennemerke(' br-123 45 ')).toBe('BR12345');
    expect(displayKjennemerke('CU10942', 'KJORETOY')).toBe('CU 10942');
    expect(displayKjennemerke('TESLA1', 'PERSONLIG')).toBe('TESLA1');
  });
});

describe('dtg and Oslo time', () => {
  it('accepts an offset, Z and a missing fraction', () => {
    expect(parseDtg('2018-11-15T23:00:00.000+01:00')).toBe(Date.UTC(2018, 10, 15, 22));
    expect(parseDtg('2016-11-15T23:00:00+01:00')).toBe(Date.UTC(2016, 10, 15, 22));
    expect(parseDtg('2016-11-15T22:00:00Z')).toBe(Date.UTC(2016, 10, 15, 22));
  });

  it('rejects a plus that decoded to a space, a missing offset and impossible dates', () => {
    expect(parseDtg('2018-11-15T23:00:00.000 01:00')).toBeUndefined();
    expect(parseDtg('2018-11-15T23:00:00')).toBeUndefined();
    expect(parseDtg('2021-02-31T10:00:00+01:00')).toBeUndefined();
  });

  it('renders instants with the Europe/Oslo summer and winter offsets', () => {
    expect(formatOsloDateTime(Date.parse('2021-04-21T12:32:54.295Z'))).toBe('2021-04-21T14:32:54.295+02:00');
    expect(formatOsloDateTime(Date.parse('2024-03-15T11:00:00.000Z'))).toBe('2024-03-15T12:00:00.000+01:00');
    expect(formatOsloDateTime(Date.parse('2024-03-31T01:00:00.000Z'))).toBe('2024-03-31T03:00:00.000+02:00');
  });
});
