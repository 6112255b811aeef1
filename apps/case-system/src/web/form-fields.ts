import {
  isValidKjennemerke,
  isValidKuid,
  isValidUnderstellsnummer,
  normaliseKjennemerke,
  normaliseKuid,
  normaliseUnderstellsnummer,
} from '@kjoretoyregister/core';

/**
 * Reading a urlencoded or multipart form body, shared by every page's form: Express hands over
 * `unknown`, and a field that is missing or repeated (an array) reads as ''.
 */
export function formBody(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The named fields of a form, each as typed ('' when missing): what a form re-renders when something is wrong. */
export function readFields<const K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const b = formBody(body);
  return Object.fromEntries(names.map((name) => [name, field(b, name)])) as Record<K, string>;
}

/** The same problem, said the same way, on every form that takes a plate, a VIN or a kuid. */
export const IDENTIFIER_MESSAGES = {
  kjennemerke: 'Kjennemerket må ha 2–7 bokstaver og sifre, for eksempel ST10001',
  understellsnummer: 'Understellsnummeret må ha 1–17 bokstaver og sifre',
  kuid: 'Kuid må være et tall, for eksempel 3378300001',
} as const;

/** Core's check and normal form of each identifier a person can type (Oppslag, Masseoppslag). */
export const IDENTIFIERS: Record<
  keyof typeof IDENTIFIER_MESSAGES,
  { valid: (value: string) => boolean; normalise: (value: string) => string }
> = {
  kjennemerke: { valid: isValidKjennemerke, normalise: normaliseKjennemerke },
  understellsnummer: { valid: isValidUnderstellsnummer, normalise: normaliseUnderstellsnummer },
  kuid: { valid: isValidKuid, normalise: normaliseKuid },
};

/** Free text on one line (a purpose, a name, an address): no control characters at all. */
// eslint-disable-next-line no-control-regex
export const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Free text in a textarea (a note): line breaks and tabs are fine, other control characters not. */
// eslint-disable-next-line no-control-regex
export const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** The longest one-line free text a form accepts. */
export const MAX_TEXT = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in page URLs are UUIDs; anything else is unknown before it reaches the database (whose uuid column would throw). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
