import type { WebLookupConfig } from '../config/web-lookup.config.js';
import { MAX_TEXT, SINGLE_LINE_CONTROL } from './form-fields.js';
import type { FieldError } from './views/layout.js';

/** The "other, write it yourself" choice in the purpose and legal-basis lists. */
export const ANNET = '__annet__';

/**
 * Purpose (formål) and legal basis (hjemmel) of a register lookup, as typed. Every form that makes
 * lookups (Oppslag, Masseoppslag) asks for them the same way, so they are read and checked here.
 */
export interface PurposeForm {
  formal: string;
  formalAnnet: string;
  hjemmel: string;
  hjemmelAnnet: string;
}

export interface Purpose {
  purpose: string;
  legalBasis: string;
}

/** The purpose form's fields, for a form that includes it to read them (see `readFields`). */
export const PURPOSE_FIELDS = [
  'formal',
  'formalAnnet',
  'hjemmel',
  'hjemmelAnnet',
] as const satisfies readonly (keyof PurposeForm)[];

/** With a single configured entry, it is chosen already. */
export function emptyPurposeForm(config: WebLookupConfig): PurposeForm {
  return {
    formal: config.purposes.length === 1 ? config.purposes[0] : '',
    formalAnnet: '',
    hjemmel: config.legalBases.length === 1 ? config.legalBases[0] : '',
    hjemmelAnnet: '',
  };
}

/** Both choices; each problem is added to `errors`, and undefined is returned if there was any. */
export function validatePurpose(form: PurposeForm, config: WebLookupConfig, errors: FieldError[]): Purpose | undefined {
  const purpose = choice(
    form.formal,
    form.formalAnnet,
    { list: config.purposes, freeText: config.freeTextPurpose, field: 'formal', what: 'formål' },
    errors,
  );
  const legalBasis = choice(
    form.hjemmel,
    form.hjemmelAnnet,
    { list: config.legalBases, freeText: config.freeTextLegalBasis, field: 'hjemmel', what: 'hjemmel' },
    errors,
  );
  return purpose === undefined || legalBasis === undefined ? undefined : { purpose, legalBasis };
}

/** One of the configured entries, or free text (in `<field>Annet`) where the configuration allows it. */
function choice(
  chosen: string,
  annet: string,
  options: { list: readonly string[]; freeText: boolean; field: string; what: string },
  errors: FieldError[],
): string | undefined {
  const annetField = `${options.field}Annet`;
  if (chosen === ANNET && options.freeText) {
    const text = annet.trim();
    if (text === '') errors.push({ field: annetField, message: `Skriv inn ${options.what}` });
    else if (text.length > MAX_TEXT || SINGLE_LINE_CONTROL.test(text)) {
      errors.push({ field: annetField, message: `${capital(options.what)} kan ha høyst ${MAX_TEXT} tegn` });
    } else return text;
    return undefined;
  }
  if (options.list.includes(chosen)) return chosen;
  errors.push({ field: options.field, message: `Velg ${options.what}` });
  return undefined;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
