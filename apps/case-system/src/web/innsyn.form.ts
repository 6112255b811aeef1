import { InnsynQuerySchema } from '../audit/innsyn.controller.js';
import { IDENTIFIER_MESSAGES, readFields } from './form-fields.js';
import type { FieldError } from './views/layout.js';

/** What the admin typed, as typed: re-rendered into the form when something is wrong. */
export interface InnsynForm {
  kjennemerke: string;
  understellsnummer: string;
}

export type InnsynQuestion = { kjennemerke?: string; understellsnummer?: string };

export function readInnsynForm(body: unknown): InnsynForm {
  return readFields(body, ['kjennemerke', 'understellsnummer']);
}

/**
 * The same schema as `GET /api/innsyn` (one definition of a valid question), with every problem
 * in Norwegian, tied to its field.
 */
export function validateInnsyn(
  form: InnsynForm,
): { ok: true; question: InnsynQuestion } | { ok: false; errors: FieldError[] } {
  const kjennemerke = form.kjennemerke.trim();
  const understellsnummer = form.understellsnummer.trim();
  if (kjennemerke === '' && understellsnummer === '') {
    return {
      ok: false,
      errors: [{ field: 'kjennemerke', message: 'Skriv inn kjennemerke eller understellsnummer (eller begge)' }],
    };
  }
  const parsed = InnsynQuerySchema.safeParse({
    ...(kjennemerke === '' ? {} : { kjennemerke }),
    ...(understellsnummer === '' ? {} : { understellsnummer }),
  });
  if (parsed.success) return { ok: true, question: parsed.data };
  const wrong = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  const errors: FieldError[] = [];
  if (wrong.has('kjennemerke')) {
    errors.push({ field: 'kjennemerke', message: IDENTIFIER_MESSAGES.kjennemerke });
  }
  if (wrong.has('understellsnummer')) {
    errors.push({ field: 'understellsnummer', message: IDENTIFIER_MESSAGES.understellsnummer });
  }
  if (errors.length === 0) errors.push({ field: 'kjennemerke', message: 'Sjekk det du skrev' });
  return { ok: false, errors };
}
