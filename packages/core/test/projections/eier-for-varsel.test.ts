import { eierForVarsel } from '../../src/projections/index.js';
import type { Kjoretoy, PersonEnhet } from '../../src/schemas/index.js';
import { sampleKjoretoy } from '../fixtures/svv-sample.js';

// Synthetic fødselsnummer (month + 80, valid check digits), matching the sample persons' birth dates.
const FNR_HELGE = '01837740130';
const FNR_JARLE = '11893640047';

function withEierskap(kjoretoy: Kjoretoy, change: (eierskap: NonNullable<Kjoretoy['eierskap']>) => void): Kjoretoy {
  const eierskap = kjoretoy.eierskap ?? {};
  change(eierskap);
  return { ...kjoretoy, eierskap };
}

function shieldVehicle(kjoretoy: Kjoretoy): Kjoretoy {
  return {
    ...kjoretoy,
    kjoretoyId: {
      ...kjoretoy.kjoretoyId,
      unntattOffentlighet: [{ kodeVerdi: 'EIERSKAP', kodeNavn: 'Eierskap', tidligereKodeVerdi: [] }],
    },
  };
}

describe('eierForVarsel (docs/contract.md#s5.3)', () => {
  it('projects owner and co-owner of CU 10942 with names and postal addresses', () => {
    const varsel = eierForVarsel(sampleKjoretoy('CU 10942'));

    expect(varsel).toEqual({
      kjennemerke: 'CU 10942',
      kuid: '3378119709',
      skjermet: false,
      eier: {
        type: 'person',
        navn: 'HELGE KROKEN',
        fornavn: 'HELGE',
        etternavn: 'KROKEN',
        fodselsdato: '1977-03-01',
        adresse: {
          adresselinjer: ['ETTERSTAD'],
          postnummer: '0603',
          poststed: 'OSLO',
          land: 'NORGE',
          landkode: 'NOR',
        },
        skjermet: false,
        erUverifisert: false,
        fomTidspunkt: '2021-04-21T14:32:54.295+02:00',
      },
      medeier: {
        type: 'person',
        navn: 'JARLE BERGER',
        fornavn: 'JARLE',
        etternavn: 'BERGER',
        fodselsdato: '1936-09-11',
        adresse: {
          adresselinjer: ['TESTGATA 11'],
          postnummer: '0603',
          poststed: 'OSLO',
          land: 'NORGE',
          landkode: 'NOR',
        },
        skjermet: false,
        erUverifisert: false,
        fomTidspunkt: '2021-04-21T14:32:54.295+02:00',
      },
    });
  });

  it('leaves out SVV-internal and non-postal data (kundeId, kommunenummer, adressestatus)', () => {
    const text = JSON.stringify(eierForVarsel(sampleKjoretoy('CU 10942')));
    expect(text).not.toContain('124000639');
    expect(text).not.toContain('0301');
    expect(text).not.toContain('SVALBARD');
  });

  it('projects the single owner of EC 80261', () => {
    const varsel = eierForVarsel(sampleKjoretoy('EC 80261'));
    expect(varsel.kjennemerke).toBe('EC 80261');
    expect(varsel.eier?.navn).toBe('JARLE BERGER');
    expect(varsel.medeier).toBeUndefined();
    expect(varsel.leasingtaker).toBeUndefined();
  });

  it('shields a party with erUnntattOffentlighet: name kept, address dropped', () => {
    const kjoretoy = withEierskap(sampleKjoretoy('CU 10942'), (eierskap) => {
      (eierskap.medeier as PersonEnhet).erUnntattOffentlighet = true;
    });

    const varsel = eierForVarsel(kjoretoy);

    expect(varsel.skjermet).toBe(false);
    expect(varsel.medeier).toMatchObject({
      navn: 'JARLE BERGER',
      skjermet: true,
    });
    expect(varsel.medeier?.adresse).toBeUndefined();
    expect(JSON.stringify(varsel)).not.toContain('TESTGATA');
    expect(varsel.eier?.adresse?.adresselinjer).toEqual(['ETTERSTAD']);
  });

  it.each(['SPERRET_ADRESSE_STRENGT_FORTROLIG', 'KLIENTADRESSE', 'fortrolig', 'STRENGT_FORTROLIG_UTLAND', 'SKJERMET'])(
    'shields the address when adressestatus is %s',
    (kodeVerdi) => {
      const kjoretoy = withEierskap(sampleKjoretoy('CU 10942'), (eierskap) => {
        (eierskap.eier as PersonEnhet).adressestatus = {
          kodeVerdi,
          tidligereKodeVerdi: [],
        };
      });

      const varsel = eierForVarsel(kjoretoy);

      expect(varsel.eier).toMatchObject({ navn: 'HELGE KROKEN', skjermet: true });
      expect(varsel.eier?.adresse).toBeUndefined();
      expect(JSON.stringify(varsel)).not.toContain('ETTERSTAD');
    },
  );

  it('keeps the address for the unshielded adressestatus SVALBARD', () => {
    const varsel = eierForVarsel(sampleKjoretoy('CU 10942'));
    expect(varsel.eier?.skjermet).toBe(false);
    expect(varsel.eier?.adresse?.poststed).toBe('OSLO');
  });

  it('shields the whole vehicle on EIERSKAP: no addresses, names only for unshielded parties', () => {
    const kjoretoy = withEierskap(shieldVehicle(sampleKjoretoy('CU 10942')), (eierskap) => {
      (eierskap.medeier as PersonEnhet).erUnntattOffentlighet = true;
    });

    const varsel = eierForVarsel(kjoretoy);

    expect(varsel.skjermet).toBe(true);
    expect(varsel.eier).toMatchObject({ navn: 'HELGE KROKEN', skjermet: true });
    expect(varsel.eier?.adresse).toBeUndefined();
    expect(varsel.medeier).toBeUndefined();
    const text = JSON.stringify(varsel);
    expect(text).not.toContain('ETTERSTAD');
    expect(text).not.toContain('TESTGATA');
    expect(text).not.toContain('BERGER');
  });

  it('projects an organisation owner with a leasingtaker', () => {
    const kjoretoy = withEierskap(sampleKjoretoy('EC 80261'), (eierskap) => {
      eierskap.eier = {
        enhet: {
          organisasjonsnavn: 'NORSK SCANIA AS',
          organisasjonsnummer: '879263662',
        },
        adresse: {
          adresselinje1: 'POSTBOKS 1',
          adresselinje2: '',
          adresselinje3: null,
          postnummer: '0614',
          poststed: 'OSLO',
        },
      };
      eierskap.leasingtaker = {
        enhet: {
          organisasjonsnavn: 'NORSK SCANIA AS HOVEDKONTOR SKØYEN',
          organisasjonsnummer: '973114468',
        },
        erUverifisert: true,
      };
    });

    const varsel = eierForVarsel(kjoretoy);

    expect(varsel.eier).toEqual({
      type: 'organisasjon',
      navn: 'NORSK SCANIA AS',
      organisasjonsnummer: '879263662',
      adresse: {
        adresselinjer: ['POSTBOKS 1'],
        postnummer: '0614',
        poststed: 'OSLO',
      },
      skjermet: false,
    });
    expect(varsel.leasingtaker).toEqual({
      type: 'organisasjon',
      navn: 'NORSK SCANIA AS HOVEDKONTOR SKØYEN',
      organisasjonsnummer: '973114468',
      skjermet: false,
      erUverifisert: true,
    });
  });

  it('drops fødselsnummer by default and keeps it only when asked', () => {
    const kjoretoy = withEierskap(sampleKjoretoy('CU 10942'), (eierskap) => {
      eierskap.eier = {
        ...eierskap.eier,
        person: { ...eierskap.eier?.person, fodselsnummer: FNR_HELGE },
      };
      eierskap.medeier = {
        ...eierskap.medeier,
        person: { ...eierskap.medeier?.person, fodselsnummer: FNR_JARLE },
      };
    });

    const byDefault = eierForVarsel(kjoretoy);
    const asked = eierForVarsel(kjoretoy, { includeFodselsnummer: true });

    expect(JSON.stringify(byDefault)).not.toMatch(/fodselsnummer|01837740130|11893640047/);
    expect(asked.eier?.fodselsnummer).toBe(FNR_HELGE);
    expect(asked.medeier?.fodselsnummer).toBe(FNR_JARLE);
  });

  it('never throws on missing or null ownership data', () => {
    expect(eierForVarsel({})).toEqual({ skjermet: false });
    expect(eierForVarsel({ kjoretoyId: null, eierskap: null })).toEqual({
      skjermet: false,
    });
    expect(
      eierForVarsel({
        eierskap: {
          eier: { person: null, enhet: null, adresse: null },
          medeier: { person: {} },
        },
      }),
    ).toEqual({
      skjermet: false,
      medeier: { type: 'person', navn: '', skjermet: false },
    });
  });
});
