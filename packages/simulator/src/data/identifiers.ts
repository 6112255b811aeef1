/**
 * Check-digit arithmetic for the identifiers the register hands out: fødselsnummer (synthetic
 * series only), organisasjonsnummer (mod 11) and 17-character VINs (ISO 3779 position 9).
 * Plate normalisation and display formatting live here too (docs/contract.md#s4.8, docs/contract.md#s5.8).
 */

const FNR_WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const FNR_WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;
const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Offset added to the month in Skatteetaten's synthetic test series ("month + 80"). */
export const SYNTHETIC_MONTH_OFFSET = 80;

function mod11(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] as number) * (weights[i] as number);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

function toDigits(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0) - 48);
}

/** Both fødselsnummer check digits for the first nine digits, or undefined if none exist. */
function fodselsnummerCheckDigits(firstNine: string): string | undefined {
  const digits = toDigits(firstNine);
  const k1 = mod11(digits, FNR_WEIGHTS_1);
  if (k1 === undefined) return undefined;
  const k2 = mod11([...digits, k1], FNR_WEIGHTS_2);
  return k2 === undefined ? undefined : `${k1}${k2}`;
}

/** True if an 11-digit string has valid fødselsnummer check digits. */
export function hasValidFodselsnummerChecksum(fnr: string): boolean {
  return /^\d{11}$/.test(fnr) && fodselsnummerCheckDigits(fnr.slice(0, 9)) === fnr.slice(9);
}

/** True if the number is in the synthetic series (month + 80, D-numbers allowed) with valid check digits. */
export function isSyntheticFodselsnummer(fnr: string): boolean {
  if (!hasValidFodselsnummerChecksum(fnr)) return false;
  const month = Number(fnr.slice(2, 4)) - SYNTHETIC_MONTH_OFFSET;
  return month >= 1 && month <= 12;
}

/** The birth date encoded in a synthetic fødselsnummer or D-number, as `YYYY-MM-DD`. */
export function fodselsdatoOf(fnr: string): string {
  let day = Number(fnr.slice(0, 2));
  if (day > 40) day -= 40; // D-number
  const month = Number(fnr.slice(2, 4)) % 40; // +80 synthetic, +40 H-number
  const yy = Number(fnr.slice(4, 6));
  const individ = Number(fnr.slice(6, 9));
  const year = centuryOf(yy, individ) + yy;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function centuryOf(yy: number, individ: number): number {
  if (individ < 500) return 1900;
  if (individ >= 900 && yy >= 40) return 1900;
  if (individ < 750 && yy >= 54) return 1800;
  return 2000;
}

/** Kjønn from the third individual digit: odd is male, even is female. */
export function kjonnOf(fnr: string): 'M' | 'K' {
  return Number(fnr.charAt(8)) % 2 === 1 ? 'M' : 'K';
}

/**
 * A synthetic fødselsnummer for a birth date and a three-digit individnummer, or undefined when
 * that individnummer has no valid check digits.
 */
export function syntheticFodselsnummer(
  year: number,
  month: number,
  day: number,
  individnummer: number,
): string | undefined {
  const firstNine = `${pad2(day)}${pad2(month + SYNTHETIC_MONTH_OFFSET)}${pad2(year % 100)}${String(individnummer).padStart(3, '0')}`;
  const check = fodselsnummerCheckDigits(firstNine);
  return check === undefined ? undefined : firstNine + check;
}

/** The organisasjonsnummer check digit for eight digits, or undefined if none exists. */
export function organisasjonsnummerCheckDigit(firstEight: string): number | undefined {
  return mod11(toDigits(firstEight), ORGNR_WEIGHTS);
}

export function isValidOrganisasjonsnummer(orgnr: string): boolean {
  return /^\d{9}$/.test(orgnr) && organisasjonsnummerCheckDigit(orgnr.slice(0, 8)) === Number(orgnr.charAt(8));
}

const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const VIN_LETTER_VALUES = 'A1B2C3D4E5F6G7H8J1K2L3M4N5P7R9S2T3U4V5W6X7Y8Z9';

function vinCharValue(char: string): number {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  const at = VIN_LETTER_VALUES.indexOf(char);
  if (at < 0 || at % 2 === 1) throw new RangeError('VIN character outside the ISO 3779 alphabet');
  return Number(VIN_LETTER_VALUES.charAt(at + 1));
}

/** The ISO 3779 check character (position 9) for a 17-character VIN. */
export function vinCheckCharacter(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += vinCharValue(vin.charAt(i)) * (VIN_WEIGHTS[i] as number);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

export function hasValidVinCheckCharacter(vin: string): boolean {
  return vin.length === 17 && vinCheckCharacter(vin) === vin.charAt(8);
}

/** ISO 3779 model-year codes, 2001..2030. */
const MODEL_YEAR_CODES = '123456789ABCDEFGHJKLMNPRSTVWXY';

export function modelYearCode(year: number): string {
  return MODEL_YEAR_CODES.charAt((((year - 2001) % 30) + 30) % 30);
}

/** Normalises a plate as requests carry it: trim, drop spaces and hyphens, upper-case (docs/contract.md#s4.8). */
export function normaliseKjennemerke(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

const ORDINARY_PLATE = /^([A-ZÆØÅ]{2})(\d{4,5})$/;

/** Display form as SVV returns it: ordinary plates with a space (`CU 10942`), personal plates as-is. */
export function displayKjennemerke(normalised: string, kategori: string): string {
  if (kategori === 'PERSONLIG') return normalised;
  const match = ORDINARY_PLATE.exec(normalised);
  return match ? `${match[1]} ${match[2]}` : normalised;
}

export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
