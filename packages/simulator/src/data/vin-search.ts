/**
 * VIN patterns for sok/understellsnummer (S2): exact, prefix `X*`, suffix `*X` or both
 * (docs/contract.md#s4.4). Exact VINs and suffixes covering the six-digit serial decode straight to a
 * vehicle; other patterns scan the generated VINs, which costs about a second per million
 * vehicles (VIN wildcard search is rare next to plate and owner lookups).
 */
import type { VehicleRecord } from './records.js';
import type { VehicleGenerator } from './vehicle-generator.js';

export interface VinPattern {
  /** `X*`: the text starts the VIN. */
  prefix: boolean;
  /** `*X`: the text ends the VIN. */
  suffix: boolean;
  text: string;
}

function matcher(pattern: VinPattern): (vin: string) => boolean {
  const { prefix, suffix, text } = pattern;
  if (prefix && suffix) return (vin) => vin.includes(text);
  if (prefix) return (vin) => vin.startsWith(text);
  if (suffix) return (vin) => vin.endsWith(text);
  return (vin) => vin === text;
}

export function searchVins(
  story: readonly VehicleRecord[],
  generator: VehicleGenerator,
  pattern: VinPattern,
  merkekode?: string,
): number[] {
  const matches = matcher(pattern);
  const accept = (vin: string, kode: string): boolean =>
    matches(vin) && (merkekode === undefined || kode === merkekode);
  const found = story
    .filter((record) => accept(record.understellsnummer, record.merkekode))
    .map((record) => record.index);
  const offset = story.length;
  const direct = !pattern.prefix && (!pattern.suffix || /\d{6}$/.test(pattern.text));
  if (direct) {
    const serial = pattern.text.slice(-6);
    const g = /^\d{6}$/.test(serial) ? generator.serialOwner(serial) : undefined;
    if (g !== undefined) {
      const { understellsnummer, merkekode: kode } = generator.vinAndMerkekode(g);
      if (accept(understellsnummer, kode)) found.push(offset + g);
    }
    return found;
  }
  for (let g = 0; g < generator.generatedCount; g++) {
    const { understellsnummer, merkekode: kode } = generator.vinAndMerkekode(g);
    if (accept(understellsnummer, kode)) found.push(offset + g);
  }
  return found;
}
