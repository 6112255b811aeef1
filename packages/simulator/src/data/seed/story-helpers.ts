/**
 * Building blocks for the fixed vehicles (docs/contract.md#s6 and the stories): a compact definition
 * format and its conversion into the register's VehicleRecord.
 */
import { FARGER, MODELS, type Farge, type ModelSpec } from '../catalogue/models.js';
import { vinCheckCharacter } from '../identifiers.js';
import type { JsonObject } from '../kjoretoy-types.js';
import type { OwnershipSpan, PlateSpan, RegistrationSpan, Skjermingsomfang, VehicleRecord } from '../records.js';
import { buildGodkjenning } from '../technical-data.js';

/** Public description of a story vehicle. */
export interface StoryVehicle {
  key: string;
  index: number;
  /** As returned, e.g. `CU 10942`. */
  kjennemerke: string;
  kuid: string;
  understellsnummer: string;
  proves: string;
}

export interface StoryDefinition {
  key: string;
  proves: string;
  kuid: string;
  imid: string;
  understellsnummer: string;
  model: ModelSpec;
  farge?: Farge;
  godkjenning?: JsonObject;
  forstegangsregistrert: number;
  plates: PlateSpan[];
  ownerships: OwnershipSpan[];
  registrations: RegistrationSpan[];
  unntattOffentlighet?: Skjermingsomfang[];
  unavailable?: boolean;
  kontrollfrist?: string;
  sistGodkjent?: string;
  /** Copied from SVV's recorded sample: no fields beyond what the sample shows. */
  fromSample?: boolean;
}

export function model(merke: string, handelsbetegnelse: string): ModelSpec {
  const found = MODELS.find((m) => m.merke === merke && m.handelsbetegnelse === handelsbetegnelse);
  if (!found) throw new Error(`Story model missing from catalogue: ${merke} ${handelsbetegnelse}`);
  return found;
}

export const farge = (kodeNavn: string): Farge => FARGER.find((f) => f.kodeNavn === kodeNavn) as Farge;
export const plate = (kjennemerke: string, fom: number, til?: number): PlateSpan =>
  til === undefined ? { kjennemerke, kategori: 'KJORETOY', fom } : { kjennemerke, kategori: 'KJORETOY', fom, til };
export const personlig = (kjennemerke: string, fom: number, til?: number): PlateSpan => ({
  ...plate(kjennemerke, fom, til),
  kategori: 'PERSONLIG',
});
export const owner = (eier: number, fom: number, til?: number, extra: Partial<OwnershipSpan> = {}): OwnershipSpan => ({
  eier,
  fom,
  vedtak: fom + 52,
  ...(til === undefined ? {} : { til }),
  ...extra,
});
export const registrert = (fom: number, til?: number): RegistrationSpan =>
  til === undefined ? { status: 'REGISTRERT', fom } : { status: 'REGISTRERT', fom, til };

/** A VIN with the ISO 3779 check character filled in at position 9 (marked `?`). */
export function vin(pattern: string): string {
  return pattern.charAt(8) === '?'
    ? pattern.slice(0, 8) + vinCheckCharacter(pattern.replace('?', '0')) + pattern.slice(9)
    : pattern;
}

export function toRecord(definition: StoryDefinition, index: number): VehicleRecord {
  const record: VehicleRecord = {
    index,
    kuid: definition.kuid,
    imid: definition.imid,
    understellsnummer: definition.understellsnummer,
    merkekode: definition.model.merkeKode,
    forstegangsregistrert: definition.forstegangsregistrert,
    plates: definition.plates,
    ownerships: definition.ownerships,
    registrations: definition.registrations,
    unntattOffentlighet: definition.unntattOffentlighet ?? [],
    unavailable: definition.unavailable ?? false,
    godkjenning:
      definition.godkjenning ??
      buildGodkjenning({
        model: definition.model,
        farge: definition.farge ?? (FARGER[0] as Farge),
        forstegangsregistrert: definition.forstegangsregistrert,
        godkjenningsId: String(4_900_000 + index),
        fortollingsreferanse: `33886${String(index).padStart(11, '0')}`,
      }),
  };
  if (!definition.fromSample) record.kjoringensArt = 'EGENTRANSP_ANNEN';
  if (definition.kontrollfrist) record.kontrollfrist = definition.kontrollfrist;
  if (definition.sistGodkjent) record.sistGodkjent = definition.sistGodkjent;
  return record;
}
