import { tekniskSammendrag } from '../../src/projections/index.js';
import type { Kjoretoy } from '../../src/schemas/index.js';
import { sampleKjoretoy } from '../fixtures/svv-sample.js';

describe('tekniskSammendrag (docs/contract.md#s5.5)', () => {
  it('summarises CU 10942, a plug-in hybrid Mitsubishi Outlander', () => {
    expect(tekniskSammendrag(sampleKjoretoy('CU 10942'))).toEqual({
      kjennemerke: 'CU 10942',
      kuid: '3378119709',
      understellsnummer: 'TESTDIGDIR0000016',
      merke: 'MITSUBISHI',
      merkekode: '4011',
      modell: 'Mitsubishi Outlander',
      typebetegnelse: 'CW0',
      tekniskKode: 'M1',
      farge: 'Svart',
      registreringsstatus: 'REGISTRERT',
      registreringsstatusNavn: 'Registrert',
      forstegangsregistrertNorge: '2021-04-21',
      forstegangRegistrertDato: '2021-04-21',
      egenvekt: 1860,
      tillattTotalvekt: 2370,
      nyttelast: 435,
      drivstoff: ['Bensin', 'Elektrisk'],
      kontrollfrist: '2025-04-21',
    });
  });

  it('summarises EC 80261, an electric Tesla Model X', () => {
    const summary = tekniskSammendrag(sampleKjoretoy('EC 80261'));
    expect(summary).toMatchObject({
      kjennemerke: 'EC 80261',
      merke: 'TESLA MOTORS',
      merkekode: '0065',
      modell: 'Model X',
      drivstoff: ['Elektrisk'],
      egenvekt: 1999,
    });
  });

  it('reads sistGodkjent as the spec spells it, not the sample\'s "SistGodkjent" (docs/contract.md#s5.8)', () => {
    const sample = sampleKjoretoy('CU 10942');
    expect(tekniskSammendrag(sample).sistGodkjent).toBeUndefined();

    const fixed: Kjoretoy = {
      ...sample,
      periodiskKjoretoyKontroll: {
        kontrollfrist: '2025-04-21',
        sistGodkjent: '2023-04-15',
      },
    };
    expect(tekniskSammendrag(fixed).sistGodkjent).toBe('2023-04-15');
  });

  it('passes unknown registration codes through unchanged', () => {
    const kjoretoy: Kjoretoy = {
      registrering: {
        registreringsstatus: {
          kodeVerdi: 'MIDLERTIDIG_NY',
          tidligereKodeVerdi: [],
        },
      },
    };
    expect(tekniskSammendrag(kjoretoy)).toEqual({
      registreringsstatus: 'MIDLERTIDIG_NY',
    });
  });

  it('falls back to kjoretoyId.merkekode and the classification tekniskKode', () => {
    const kjoretoy: Kjoretoy = {
      kjoretoyId: { merkekode: '4011' },
      godkjenning: {
        tekniskGodkjenning: {
          kjoretoyklassifisering: { tekniskKode: { kodeVerdi: 'N1' } },
        },
      },
    };
    expect(tekniskSammendrag(kjoretoy)).toEqual({
      merkekode: '4011',
      tekniskKode: 'N1',
    });
  });

  it('never throws on empty, null or partial data', () => {
    expect(tekniskSammendrag({})).toEqual({});
    const partial: Kjoretoy = {
      kjoretoyId: { kjennemerke: null, kuid: '' },
      kjennemerke: [
        { kjennemerke: 'AB 12345', tilTidspunkt: '2020-01-01T00:00:00+01:00' },
        { kjennemerke: 'CD 67890' },
      ],
      godkjenning: {
        tekniskGodkjenning: {
          tekniskeData: {
            generelt: { merke: [], handelsbetegnelse: null, tekniskKode: null },
            karosseriOgLasteplan: { rFarge: null },
            vekter: { egenvekt: null },
            motorOgDrivverk: {
              motor: [{ drivstoff: null }, { drivstoff: [{ drivstoffKode: null }] }],
            },
          },
        },
      },
      periodiskKjoretoyKontroll: null,
    };
    expect(tekniskSammendrag(partial)).toEqual({ kjennemerke: 'CD 67890' });
  });
});
