/**
 * Synthetic register data for operation tests (docs/contract.md#s6 plates, VINs and kuids; fødselsnummer
 * in the synthetic series, month + 80). Nothing here is real personal data.
 */

export const NOT_FOUND_CODE = { kode: 'KJORETOY_IKKE_FUNNET', beskrivelse: 'Fant ikke kjøretøy' };
export const UNAVAILABLE_CODE = {
  kode: 'OPPLYSNINGER_UTILGJENGELIG',
  beskrivelse: 'Opplysninger er ikke tilgjengelig',
};

/** A synthetic fødselsnummer (month + 80) with valid mod-11 check digits. */
export function syntheticFodselsnummer(day: number, month: number, year: number): string {
  const base = `${String(day).padStart(2, '0')}${String(month + 80).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const check = (digits: string, weights: number[]): number => {
    const rest = 11 - (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11);
    return rest === 11 ? 0 : rest;
  };
  for (let individual = 100; individual < 500; individual++) {
    const nine = `${base}${individual}`;
    const k1 = check(nine, w1);
    if (k1 === 10) continue;
    const k2 = check(`${nine}${k1}`, w2);
    if (k2 === 10) continue;
    return `${nine}${k1}${k2}`;
  }
  throw new Error('no valid individual number');
}

export interface VehicleSpec {
  /** As returned, with the space: `CU 10942`. */
  kjennemerke: string;
  kuid?: string;
  understellsnummer?: string;
  owner?: 'none' | 'person' | 'enhet';
  adresse?: boolean;
  fodselsnummer?: string;
}

export function vehicle(spec: VehicleSpec): Record<string, unknown> {
  const owner = spec.owner ?? 'enhet';
  const adresse = spec.adresse
    ? { adresse: { adresselinje1: 'TESTGATA 11', postnummer: '0603', poststed: 'OSLO' } }
    : {};
  const eier =
    owner === 'person'
      ? {
          person: {
            fornavn: 'TEST',
            etternavn: 'PERSON',
            ...(spec.fodselsnummer ? { fodselsnummer: spec.fodselsnummer } : {}),
          },
          ...adresse,
        }
      : { enhet: { organisasjonsnavn: 'TESTBEDRIFT AS', organisasjonsnummer: '999999999' }, ...adresse };
  return {
    kjoretoyId: {
      kjennemerke: spec.kjennemerke,
      kuid: spec.kuid ?? '3378119709',
      understellsnummer: spec.understellsnummer ?? 'TESTDIGDIR0000016',
      kryssbytter: [],
    },
    kjennemerke: [{ kjennemerke: spec.kjennemerke, kjennemerkekategori: 'KJORETOY' }],
    ...(owner === 'none' ? {} : { eierskap: { eier } }),
  };
}

/** `CU10942` → `CU 10942`: responses carry the space (docs/contract.md#s5.8). */
export function withSpace(plate: string): string {
  return plate.replace(/^([A-Z]{2})(\d+)$/, '$1 $2');
}

export function found(kjoretoy: Record<string, unknown>): Record<string, unknown> {
  return { kjoretoy, responskoder: [] };
}

export const notFound = (): Record<string, unknown> => ({ responskoder: [NOT_FOUND_CODE] });
export const unavailable = (): Record<string, unknown> => ({ responskoder: [UNAVAILABLE_CODE] });
