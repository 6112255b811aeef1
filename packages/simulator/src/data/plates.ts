/**
 * Ordinary plates for generated vehicles are a keyed bijection of the vehicle index, so a plate
 * decodes straight back to its vehicle: no plate table is stored, whatever the register size.
 * Electric vehicles get E-series plates as in Norway. CU, EC and ST are left to the fixed
 * vehicles (docs/contract.md#s6 and the stories) and XX is never issued (the not-found probe of docs/contract.md#s6).
 */
import { PERSONLIG_ORD } from './catalogue/names.js';
import { Permutation, Rng } from './prng.js';

const ELECTRIC_SERIES = 'EL EK EV EB ED EF EH EJ EN EP ER ES ET EU'.split(' ');
const OTHER_SERIES = (
  'AB AD AE AJ AK BR BS BN BT BP CE CF CH CV DA DK DN DR DT FJ FR GJ HB HH HV JE KF KH KJ KL KP ' +
  'LB LE LJ NB NF NV PD PP RA RF RJ SU SV SY TA TV UB UC VE VH VJ VK VN VS YA ZA ZE ZH ZT'
).split(' ');
const SERIES = [...ELECTRIC_SERIES, ...OTHER_SERIES];
const SERIES_INDEX = new Map(SERIES.map((series, index) => [series, index]));
const NUMBERS_PER_SERIES = 90_000;
const KIND_PLATE = 11;
const KIND_PERSONAL = 12;

/** Probability that a generated vehicle has applied for a personal plate. */
const PERSONAL_PLATE_RATE = 0.015;

export class OrdinaryPlates {
  private readonly permutation: Permutation;

  constructor(seed: number) {
    this.permutation = new Permutation(SERIES.length * NUMBERS_PER_SERIES, seed, KIND_PLATE);
  }

  /** The normalised ordinary plate of generated vehicle `g`. */
  plateOf(g: number): string {
    const value = this.permutation.forward(g);
    const series = SERIES[Math.floor(value / NUMBERS_PER_SERIES)] as string;
    return `${series}${10_000 + (value % NUMBERS_PER_SERIES)}`;
  }

  isElectric(g: number): boolean {
    return Math.floor(this.permutation.forward(g) / NUMBERS_PER_SERIES) < ELECTRIC_SERIES.length;
  }

  /** The generated-vehicle number that would carry this plate, or undefined if the shape cannot occur. */
  generatedIndexOf(normalised: string): number | undefined {
    if (normalised.length !== 7) return undefined;
    const seriesIndex = SERIES_INDEX.get(normalised.slice(0, 2));
    const number = Number(normalised.slice(2));
    if (seriesIndex === undefined || !/^\d{5}$/.test(normalised.slice(2)) || number < 10_000) return undefined;
    return this.permutation.inverse(seriesIndex * NUMBERS_PER_SERIES + (number - 10_000));
  }

  /** Every issued series; a `?` in a plate pattern expands over these. */
  static readonly series: readonly string[] = SERIES;
}

export interface PersonalPlateCandidate {
  kjennemerke: string;
  /** Fraction of the vehicle's life after which the plate was attached. */
  fraction: number;
}

/** The personal plate a generated vehicle applied for, if any; uniqueness is settled by the register. */
export function personalPlateCandidate(seed: number, g: number): PersonalPlateCandidate | undefined {
  const rng = new Rng(seed, KIND_PERSONAL, g);
  if (!rng.chance(PERSONAL_PLATE_RATE)) return undefined;
  const word = rng.pick(PERSONLIG_ORD);
  const maxDigits = Math.min(3, 7 - word.length);
  const digits = rng.int(maxDigits + 1);
  const suffix = digits === 0 ? '' : String(1 + rng.int(10 ** digits - 1));
  return { kjennemerke: word + suffix, fraction: 0.05 + rng.float() * 0.9 };
}
