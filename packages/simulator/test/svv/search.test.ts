/**
 * The vehicle searches S1–S6 (docs/contract.md#s4.3 to docs/contract.md#s4.5): wildcards, paging,
 * ekskluderVraketUtfort, eier/medeier/leasingtaker matching, the eiernavn filters, 204 and parameter errors.
 */
import { DEFAULT_SEARCH_ANTALL } from '../../src/contract-assumptions.js';
import { createRegister } from '../../src/data/register.js';
import { FIXED_PARTIES, FP } from '../../src/data/seed/fixed-parties.js';
import { get, story, type SokBody } from './support/svv-calls.js';

const register = createRegister({ seed: 1, vehicles: 3_000 });
const fnr = (id: number) => FIXED_PARTIES[id]?.person?.fodselsnummer as string;
const orgnr = (id: number) => FIXED_PARTIES[id]?.enhet?.organisasjonsnummer as string;

function search(path: string, query: Record<string, string>): SokBody {
  const result = get(register, path, query);
  expect({ path, status: result.status }).toEqual({ path, status: 200 });
  return result.body as SokBody;
}

const kuids = (body: SokBody) => body.kjoretoyresponser.map((element) => element.kjoretoy?.kjoretoyId.kuid);
const plates = (body: SokBody) => body.kjoretoyresponser.map((element) => element.kjoretoy?.kjoretoyId.kjennemerke);
const kuidOf = (key: string) => story(register, key).kuid;

describe('sok/kjennemerke (S1)', () => {
  it('finds an exact plate, case-insensitively', () => {
    expect(plates(search('/sok/kjennemerke', { kjennemerke: 'cu10942' }))).toEqual(['CU 10942']);
  });

  it('expands up to three ? wildcards, each standing for one character', () => {
    const one = search('/sok/kjennemerke', { kjennemerke: 'ST1000?' });
    expect(one.antallTreffTotalt).toBe(9);
    const three = search('/sok/kjennemerke', { kjennemerke: 'ST10???' });
    expect(three.antallTreffTotalt).toBe(13);
    expect(plates(search('/sok/kjennemerke', { kjennemerke: 'TESLA?' }))).toEqual(['TESLA1']);
    expect(plates(search('/sok/kjennemerke', { kjennemerke: 'OLA?' }))).toContain('OLAN');
    // A ? is exactly one character: OLAN? does not match the four-character plate OLAN.
    expect(get(register, '/sok/kjennemerke', { kjennemerke: 'OLAN?' }).status).toBe(204);
  });

  it('finds generated vehicles through a wildcard on their ordinary plate', () => {
    const index = register.storyVehicles.length + 123;
    const plate = register.record(index).plates[0]?.kjennemerke as string;
    const hits = search('/sok/kjennemerke', { kjennemerke: `${plate.slice(0, 5)}??` });
    expect(kuids(hits)).toContain(register.record(index).kuid);
    expect(hits.kjoretoyresponser.every((e) => e.kjoretoy?.kjoretoyId.kjennemerke?.startsWith(plate.slice(0, 2)))).toBe(
      true,
    );
  });

  it('finds a moved personal plate only on the vehicle carrying it now', () => {
    expect(kuids(search('/sok/kjennemerke', { kjennemerke: 'OLAN' }))).toEqual([kuidOf('plate-til')]);
  });

  it('rejects four wildcards and characters that cannot be on a plate with 400', () => {
    expect(get(register, '/sok/kjennemerke', { kjennemerke: 'ST1????' }).status).toBe(400);
    expect(get(register, '/sok/kjennemerke', { kjennemerke: 'ST*0001' }).status).toBe(400);
    expect(get(register, '/sok/kjennemerke', {}).status).toBe(400);
  });

  it('answers 204 with no body when nothing matches', () => {
    expect(get(register, '/sok/kjennemerke', { kjennemerke: 'XX99999' })).toEqual({
      status: 204,
      body: undefined,
      itemsLookedUp: 0,
    });
  });

  it('drops VRAKET and UTFORT vehicles with ekskluderVraketUtfort=true', () => {
    const all = search('/sok/kjennemerke', { kjennemerke: 'ST1000?' });
    const kept = search('/sok/kjennemerke', { kjennemerke: 'ST1000?', ekskluderVraketUtfort: 'True' });
    expect(kept.antallTreffTotalt).toBe(all.antallTreffTotalt - 2);
    expect(kuids(kept)).not.toContain(kuidOf('vraket'));
    expect(kuids(kept)).not.toContain(kuidOf('utfort'));
    expect(kuids(kept)).toContain(kuidOf('eierskifte'));
    expect(get(register, '/sok/kjennemerke', { kjennemerke: 'ST10004', ekskluderVraketUtfort: 'true' }).status).toBe(
      204,
    );
    expect(get(register, '/sok/kjennemerke', { kjennemerke: 'ST10004', ekskluderVraketUtfort: 'ja' }).status).toBe(400);
  });

  it('answers the unavailable vehicle with an element carrying OPPLYSNINGER_UTILGJENGELIG', () => {
    const body = search('/sok/kjennemerke', { kjennemerke: 'ST10008' });
    expect(body.kjoretoyresponser).toEqual([
      { responskoder: [expect.objectContaining({ kode: 'OPPLYSNINGER_UTILGJENGELIG' })] },
    ]);
  });
});

describe('paging (fra is 1-based, antall rows)', () => {
  it('walks all hits in stable order without overlap', () => {
    const pages = [1, 6, 11].map((fra) =>
      search('/sok/kjennemerke', { kjennemerke: 'ST10???', fra: String(fra), antall: '5' }),
    );
    expect(pages.map((page) => page.antallITreffliste)).toEqual([5, 5, 3]);
    expect(pages.every((page) => page.antallTreffTotalt === 13)).toBe(true);
    const all = pages.flatMap(kuids);
    expect(new Set(all).size).toBe(13);
    expect(all).toEqual(kuids(search('/sok/kjennemerke', { kjennemerke: 'ST10???' })));
  });

  it(`serves ${DEFAULT_SEARCH_ANTALL} rows when antall is absent (docs/contract.md#s7g)`, () => {
    const body = search('/sok/understellsnummer', { understellsnummer: 'XP7*' });
    expect(body.antallTreffTotalt).toBeGreaterThan(DEFAULT_SEARCH_ANTALL);
    expect(body.antallITreffliste).toBe(DEFAULT_SEARCH_ANTALL);
  });

  it('answers an empty page past the last hit, and 400 for fra or antall that are not positive integers', () => {
    const past = search('/sok/kjennemerke', { kjennemerke: 'ST10???', fra: '14', antall: '5' });
    expect(past).toMatchObject({ antallITreffliste: 0, antallTreffTotalt: 13, kjoretoyresponser: [] });
    for (const query of [
      { fra: '0' },
      { antall: '0' },
      { antall: 'ti' },
      { fra: '-1' },
      { antall: '100000' },
    ] as Record<string, string>[]) {
      expect(get(register, '/sok/kjennemerke', { kjennemerke: 'ST10???', ...query }).status).toBe(400);
    }
  });
});

describe('sok/understellsnummer (S2)', () => {
  it('matches exact VINs, prefixes and suffixes', () => {
    expect(search('/sok/understellsnummer', { understellsnummer: 'TESTDUPVIN0000001' }).antallTreffTotalt).toBe(2);
    expect(kuids(search('/sok/understellsnummer', { understellsnummer: 'TESTDIGDIR*' })).sort()).toEqual(
      ['3378119451', '3378119709'].sort(),
    );
    expect(kuids(search('/sok/understellsnummer', { understellsnummer: '*0000016' }))).toEqual(['3378119709']);
  });

  it('finds a generated vehicle by a suffix covering its serial and filters by merkekode', () => {
    const index = register.storyVehicles.length + 321;
    const { understellsnummer, merkekode } = register.vinOf(index);
    const bySuffix = search('/sok/understellsnummer', { understellsnummer: `*${understellsnummer.slice(-8)}` });
    expect(kuids(bySuffix)).toEqual([register.record(index).kuid]);
    const prefix = `${understellsnummer.slice(0, 8)}*`;
    const filtered = search('/sok/understellsnummer', { understellsnummer: prefix, merkekode, antall: '1000' });
    expect(kuids(filtered)).toContain(register.record(index).kuid);
    const other = merkekode === '0065' ? '4011' : '0065';
    expect(get(register, '/sok/understellsnummer', { understellsnummer: prefix, merkekode: other }).status).toBe(204);
  });

  it('rejects * in the middle and too-short wildcard patterns with 400', () => {
    expect(get(register, '/sok/understellsnummer', { understellsnummer: 'TEST*0001' }).status).toBe(400);
    expect(get(register, '/sok/understellsnummer', { understellsnummer: 'TE*' }).status).toBe(400);
  });
});

describe('owner searches match eier, medeier and leasingtaker (S3–S5)', () => {
  it('sok/fodselsnummer finds the current owner and co-owner, not a previous owner', () => {
    expect(kuids(search('/sok/fodselsnummer', { fodselsnummer: fnr(FP.MAGNUS_PROVESEN) }))).toEqual([
      kuidOf('eierskifte'),
    ]);
    expect(get(register, '/sok/fodselsnummer', { fodselsnummer: fnr(FP.SIGRID_TESTRUD) }).status).toBe(204);
    // JARLE BERGER is eier of EC 80261 and medeier of CU 10942.
    expect(kuids(search('/sok/fodselsnummer', { fodselsnummer: fnr(FP.JARLE_BERGER) })).sort()).toEqual(
      ['3378119451', '3378119709'].sort(),
    );
  });

  it('sok/organisasjonsnummer finds vehicles an organisation owns or leases', () => {
    expect(kuids(search('/sok/organisasjonsnummer', { organisasjonsnummer: orgnr(FP.FJELLTOPP_BYGG) }))).toEqual([
      kuidOf('leaset-firmabil'),
    ]);
    expect(kuids(search('/sok/organisasjonsnummer', { organisasjonsnummer: '973114468' }))).toEqual([
      kuidOf('cu11306'),
    ]);
    const lessor = search('/sok/organisasjonsnummer', {
      organisasjonsnummer: orgnr(FP.FJORDFINANS_LEASING),
      antall: '500',
    });
    expect(kuids(lessor)).toContain(kuidOf('leaset-firmabil'));
  });

  it('sok/kundeid finds vehicles by SVV customer id', () => {
    expect(kuids(search('/sok/kundeid', { kundeid: '124000639' }))).toEqual(['3378119709']);
    let index = register.storyVehicles.length;
    while (register.record(index).unntattOffentlighet.length > 0 || register.record(index).unavailable) index++;
    const generated = register.record(index);
    const eier = generated.ownerships[generated.ownerships.length - 1]?.eier as number;
    const hits = search('/sok/kundeid', { kundeid: register.parties.kundeIdOf(eier), antall: '1000' });
    expect(kuids(hits)).toContain(generated.kuid);
  });

  it('does not reveal vehicles whose ownership is shielded (unntattOffentlighet EIERSKAP)', () => {
    expect(get(register, '/sok/fodselsnummer', { fodselsnummer: fnr(FP.TOR_HEMMELIGSEN) }).status).toBe(204);
    const direct = search('/sok/kjennemerke', { kjennemerke: 'ST10003' }).kjoretoyresponser[0]?.kjoretoy;
    expect(direct?.kjoretoyId.unntattOffentlighet.map((code) => code.kodeVerdi)).toEqual(['EIERSKAP']);
    expect(direct?.eierskap).toBeUndefined();
  });

  it('shows an owner with erUnntattOffentlighet', () => {
    const body = search('/sok/fodselsnummer', { fodselsnummer: fnr(FP.ASTRID_SKJERMVIK) });
    expect(body.kjoretoyresponser[0]?.kjoretoy?.eierskap?.['eier']?.erUnntattOffentlighet).toBe(true);
  });

  it('rejects malformed identifiers with 400', () => {
    expect(get(register, '/sok/fodselsnummer', { fodselsnummer: '123' }).status).toBe(400);
    expect(get(register, '/sok/organisasjonsnummer', { organisasjonsnummer: '97311446' }).status).toBe(400);
    expect(get(register, '/sok/kundeid', { kundeid: 'abc' }).status).toBe(400);
  });
});

describe('sok/eiernavn (S6)', () => {
  it('matches the full name case-insensitively, with or without whitespace noise', () => {
    expect(kuids(search('/sok/eiernavn', { navn: '  magnus   prøvesen ' }))).toEqual([kuidOf('eierskifte')]);
  });

  it('narrows by postnummer, poststed, fylke (name or number), fodselsdato and erPerson', () => {
    const navn = 'MAGNUS PRØVESEN';
    const hit = [kuidOf('eierskifte')];
    for (const filter of [
      { postnummer: '7010' },
      { poststed: 'trondheim' },
      { fylke: 'Trøndelag' },
      { fylke: '50' },
      { fodselsdato: '1990-11-02' },
      { erPerson: 'true' },
    ] as Record<string, string>[]) {
      expect(kuids(search('/sok/eiernavn', { navn, ...filter }))).toEqual(hit);
    }
    for (const filter of [
      { postnummer: '0150' },
      { poststed: 'OSLO' },
      { fylke: 'Oslo' },
      { fodselsdato: '1990-11-03' },
      { erPerson: 'false' },
    ] as Record<string, string>[]) {
      expect(get(register, '/sok/eiernavn', { navn, ...filter }).status).toBe(204);
    }
  });

  it('finds organisations by organisasjonsnavn', () => {
    expect(kuids(search('/sok/eiernavn', { navn: 'Fjelltopp Bygg AS', erPerson: 'false' }))).toEqual([
      kuidOf('leaset-firmabil'),
    ]);
  });

  it('rejects a missing navn and malformed filters with 400', () => {
    expect(get(register, '/sok/eiernavn', { postnummer: '7010' }).status).toBe(400);
    expect(get(register, '/sok/eiernavn', { navn: 'X', postnummer: '70' }).status).toBe(400);
    expect(get(register, '/sok/eiernavn', { navn: 'X', fodselsdato: '1990-13-01' }).status).toBe(400);
    expect(get(register, '/sok/eiernavn', { navn: 'X', erPerson: 'kanskje' }).status).toBe(400);
  });
});
