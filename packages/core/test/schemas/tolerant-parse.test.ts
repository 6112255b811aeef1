import {
  KjennemerkeSchema,
  KjoretoyResponseSchema,
  KjoretoySchema,
  KjoretoysokResponseSchema,
  KodeverkTypeSchema,
  KundeSokResponseSchema,
  PersonEnhetSchema,
  ResponskodeSchema,
} from '../../src/schemas/index.js';
import { rawKjoretoysokResponse } from '../fixtures/svv-sample.js';

// docs/contract.md#s5.8, docs/contract.md#s5.9: parsing keeps everything it does not understand and rejects only
// shapes that would break a dereference.
describe('generated schemas: tolerant, lossless parsing', () => {
  it('parses the real SVV sample to a deep-equal copy, odd "SistGodkjent" key included', () => {
    const raw = rawKjoretoysokResponse();
    const parsed = KjoretoysokResponseSchema.parse(raw);

    expect(parsed).toStrictEqual(raw);
    const kontroll = parsed.kjoretoyresponser?.[0]?.kjoretoy?.periodiskKjoretoyKontroll;
    expect(kontroll?.['SistGodkjent']).toBe('2023-04-15');
    expect(kontroll?.sistGodkjent).toBeUndefined();
  });

  it('keeps unknown fields at every level', () => {
    const raw = rawKjoretoysokResponse();
    const first = (raw['kjoretoyresponser'] as Array<Record<string, unknown>>)[0];
    const kjoretoy = first['kjoretoy'] as Record<string, unknown>;
    raw['nyttToppnivaFelt'] = { a: [1, 2] };
    kjoretoy['nyttObjekt'] = { dypt: { verdi: true } };
    (kjoretoy['kjoretoyId'] as Record<string, unknown>)['nyId'] = 'X-1';

    const parsed = KjoretoysokResponseSchema.parse(raw);

    expect(parsed['nyttToppnivaFelt']).toEqual({ a: [1, 2] });
    expect(parsed.kjoretoyresponser?.[0]?.kjoretoy?.['nyttObjekt']).toEqual({
      dypt: { verdi: true },
    });
    expect(parsed.kjoretoyresponser?.[0]?.kjoretoy?.kjoretoyId?.['nyId']).toBe('X-1');
    expect(parsed).toStrictEqual(raw);
  });

  it('accepts unknown code values, in KodeverkType and in the kjennemerkekategori enum', () => {
    const status = {
      kodeVerdi: 'NY_STATUS_2030',
      kodeNavn: 'Ny',
      tidligereKodeVerdi: [],
    };
    expect(KodeverkTypeSchema.parse(status)).toStrictEqual(status);

    const plate = { kjennemerke: 'CU 10942', kjennemerkekategori: 'DIGITAL' };
    expect(KjennemerkeSchema.parse(plate)).toStrictEqual(plate);
    expect(KjennemerkeSchema.parse({ kjennemerkekategori: 'NORMAL' }).kjennemerkekategori).toBe('NORMAL');
  });

  it('rejects a non-string where the open enum expects a code', () => {
    const result = KjennemerkeSchema.safeParse({ kjennemerkekategori: 7 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['kjennemerkekategori']);
  });

  it('accepts null for scalars, objects and arrays alike', () => {
    const party = {
      person: { fornavn: null, fodselsdato: null },
      enhet: null,
      adresse: { adresselinje1: null, postnummer: null },
      adressestatus: { kodeVerdi: null, tidligereKodeVerdi: null },
      erUnntattOffentlighet: null,
      fomTidspunkt: null,
    };
    expect(PersonEnhetSchema.parse(party)).toStrictEqual(party);
    const response = {
      antallITreffliste: null,
      kjoretoyresponser: null,
      responskoder: null,
    };
    expect(KjoretoysokResponseSchema.parse(response)).toStrictEqual(response);
  });

  it('keeps dates and numbers as sent: no coercion, no date validation, no defaults', () => {
    const kjoretoy = {
      forstegangsregistrering: { registrertForstegangNorgeDato: '21.04.2021' },
      periodiskKjoretoyKontroll: {},
      registrering: { fomTidspunkt: '2021-04-21T14:32:54.295+02:00' },
    };
    expect(KjoretoySchema.parse(kjoretoy)).toStrictEqual(kjoretoy);
    expect(KjoretoySchema.parse({})).toStrictEqual({});
    expect(
      KjoretoySchema.safeParse({
        forstegangsregistrering: { registrertForstegangNorgeDato: 20210421 },
      }).success,
    ).toBe(false);
  });

  it('rejects a non-object where an object is required, with the issue path to report', () => {
    const raw = rawKjoretoysokResponse();
    const first = (raw['kjoretoyresponser'] as Array<Record<string, unknown>>)[1];
    (first['kjoretoy'] as Record<string, unknown>)['eierskap'] = 'skjermet';

    const result = KjoretoysokResponseSchema.safeParse(raw);

    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'invalid_type',
      expected: 'object',
      path: ['kjoretoyresponser', 1, 'kjoretoy', 'eierskap'],
    });
  });

  it('rejects a non-array where a list is required', () => {
    const result = KjoretoyResponseSchema.safeParse({
      responskoder: { kode: 'X' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['responskoder']);
  });

  it('accepts the writeOnly aliases kjoretoy (search) and treffListe (kunde search)', () => {
    const search = {
      kjoretoy: [{ kjoretoy: { kjoretoyId: { kuid: '3378119709' } } }],
    };
    expect(KjoretoysokResponseSchema.parse(search)).toStrictEqual(search);

    const kunder = {
      antallITreffliste: 1,
      antallTreffTotalt: 1,
      treffListe: [
        {
          personEnhet: { enhet: { organisasjonsnavn: 'NORSK SCANIA AS' } },
          antallKjoretoy: 3,
        },
      ],
      kunder: [],
      responskoder: [{ kode: 'NY_KODE', beskrivelse: 'Delvis svar', alvorlighet: 'INFO' }],
    };
    expect(KundeSokResponseSchema.parse(kunder)).toStrictEqual(kunder);
  });

  it('exposes Responskode under its spec name with unknown fields kept', () => {
    const kode = { kode: 'E1', beskrivelse: 'Feil', ekstra: 1 };
    expect(ResponskodeSchema.parse(kode)).toStrictEqual(kode);
  });
});
