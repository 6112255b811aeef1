import {
  isValidKjennemerke,
  isValidUnderstellsnummer,
  normaliseKjennemerke,
  normaliseUnderstellsnummer,
} from '@kjoretoyregister/core';
import type { WebLookupConfig } from '../config/web-lookup.config.js';
import type { EiernavnFilter, WebLookupKind, WebLookupRequest } from '../web-lookup/web-lookup.service.js';
import type { Observasjon } from '../saker/domain/sak.js';
import type { FieldError } from './views/layout.js';
import { IDENTIFIER_MESSAGES, IDENTIFIERS, MAX_TEXT, readFields, SINGLE_LINE_CONTROL } from './form-fields.js';
import { parseOsloLocal } from './oslo-time.js';
import { emptyPurposeForm, PURPOSE_FIELDS, validatePurpose, type PurposeForm } from './purpose.form.js';

export const KINDS: readonly { value: WebLookupKind; label: string }[] = [
  { value: 'kjennemerke', label: 'Kjennemerke' },
  { value: 'understellsnummer', label: 'Understellsnummer' },
  { value: 'kuid', label: 'Kuid' },
  { value: 'eiernavn', label: 'Eiers navn' },
];

/** What the person typed, as typed: re-rendered into the form when something is wrong. */
export interface WebLookupForm extends PurposeForm {
  type: string;
  verdi: string;
  tidspunkt: string;
  fra: string;
  /** The owner-name search's optional filters (docs/contract.md#s4.3, S6). */
  postnummer: string;
  poststed: string;
  fylke: string;
  fodselsdato: string;
  /** '' both, 'true' persons only, 'false' organisations only. */
  erPerson: string;
}

/** The fields of the owner-name search's filters, in form order. */
export const EIERNAVN_FILTER_FIELDS = ['postnummer', 'poststed', 'fylke', 'fodselsdato', 'erPerson'] as const;

export function readWebLookupForm(body: unknown): WebLookupForm {
  return readFields(body, [...PURPOSE_FIELDS, 'type', 'verdi', 'tidspunkt', 'fra', ...EIERNAVN_FILTER_FIELDS]);
}

export function emptyWebLookupForm(config: WebLookupConfig): WebLookupForm {
  return {
    ...emptyPurposeForm(config),
    type: 'kjennemerke',
    verdi: '',
    tidspunkt: '',
    fra: '1',
    postnummer: '',
    poststed: '',
    fylke: '',
    fodselsdato: '',
    erPerson: '',
  };
}

/** Every problem at once; nothing is sent to the register unless there are none. */
export function validateWebLookup(
  form: WebLookupForm,
  config: WebLookupConfig,
): { ok: true; request: WebLookupRequest } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const chosen = validatePurpose(form, config, errors);
  const kind = KINDS.find((k) => k.value === form.type)?.value;
  if (!kind) errors.push({ field: 'type-kjennemerke', message: 'Velg hva du vil slå opp på' });
  const raw = form.verdi.trim();
  let value: string | undefined;
  if (raw === '') {
    errors.push({ field: 'verdi', message: 'Skriv inn det du vil slå opp' });
  } else if (kind !== undefined && kind !== 'eiernavn') {
    if (IDENTIFIERS[kind].valid(raw)) value = IDENTIFIERS[kind].normalise(raw);
    else errors.push({ field: 'verdi', message: IDENTIFIER_MESSAGES[kind] });
  } else if (kind === 'eiernavn') {
    if (raw.length < 2 || raw.length > MAX_TEXT || SINGLE_LINE_CONTROL.test(raw)) {
      errors.push({ field: 'verdi', message: `Navnet må ha 2–${MAX_TEXT} tegn` });
    } else value = raw.replace(/\s+/g, ' ');
  }
  let dtg: string | undefined;
  if (form.tidspunkt.trim() !== '') {
    if (kind === 'eiernavn') {
      errors.push({
        field: 'tidspunkt',
        message: 'Søk på eiers navn gjelder registeret slik det er nå; la tidspunktet stå tomt',
      });
    } else {
      const parsed = parseOsloLocal(form.tidspunkt);
      if (parsed.ok && Date.parse(parsed.iso) > Date.now()) {
        errors.push({ field: 'tidspunkt', message: 'Tidspunktet kan ikke være frem i tid' });
      } else if (parsed.ok) dtg = parsed.iso;
      else if (parsed.reason === 'nonexistent') {
        errors.push({ field: 'tidspunkt', message: 'Klokkeslettet finnes ikke i norsk tid (sommertid begynner)' });
      } else errors.push({ field: 'tidspunkt', message: 'Skriv tidspunktet som dato og klokkeslett' });
    }
  }
  const filter = validateEiernavnFilter(form, kind, errors);
  const fra = /^\d{1,7}$/.test(form.fra) && Number(form.fra) >= 1 ? Number(form.fra) : 1;
  if (errors.length > 0 || !kind || value === undefined || chosen === undefined) return { ok: false, errors };
  return {
    ok: true,
    request: {
      kind,
      value,
      fra,
      ...chosen,
      ...(dtg === undefined ? {} : { dtg }),
      ...(filter === undefined ? {} : { filter }),
    },
  };
}

const PLACE = /^[\p{L}\p{M}0-9 .'-]{1,50}$/u;

/**
 * The owner-name search's filters; only with "Eiers navn" (the other lookups have none, and
 * silently ignoring a filter would show more than the person asked for). Undefined when none is set.
 */
function validateEiernavnFilter(
  form: WebLookupForm,
  kind: WebLookupKind | undefined,
  errors: FieldError[],
): EiernavnFilter | undefined {
  const postnummer = form.postnummer.trim();
  const poststed = form.poststed.trim().replace(/\s+/g, ' ');
  const fylke = form.fylke.trim().replace(/\s+/g, ' ');
  const fodselsdato = form.fodselsdato.trim();
  const erPerson = form.erPerson;
  if ([postnummer, poststed, fylke, fodselsdato, erPerson].every((value) => value === '')) return undefined;
  if (kind !== 'eiernavn') {
    errors.push({
      field: 'postnummer',
      message: 'Avgrensningene gjelder bare søk på eiers navn; velg Eiers navn eller ta dem bort',
    });
    return undefined;
  }
  const filter: EiernavnFilter = {};
  const before = errors.length;
  if (postnummer !== '') {
    if (/^\d{4}$/.test(postnummer)) filter.postnummer = postnummer;
    else errors.push({ field: 'postnummer', message: 'Postnummeret må ha fire sifre, for eksempel 0150' });
  }
  if (poststed !== '') {
    if (PLACE.test(poststed)) filter.poststed = poststed;
    else errors.push({ field: 'poststed', message: 'Poststedet kan ha høyst 50 bokstaver' });
  }
  if (fylke !== '') {
    if (PLACE.test(fylke)) filter.fylke = fylke;
    else errors.push({ field: 'fylke', message: 'Skriv fylkets navn eller nummer, for eksempel Oslo eller 03' });
  }
  if (fodselsdato !== '') {
    const iso = isoDateOf(fodselsdato);
    if (iso !== undefined && iso <= new Date().toISOString().slice(0, 10)) filter.fodselsdato = iso;
    else errors.push({ field: 'fodselsdato', message: 'Skriv fødselsdatoen som dato, for eksempel 24.12.2001' });
  }
  if (erPerson === 'true' || erPerson === 'false') filter.erPerson = erPerson === 'true';
  else if (erPerson !== '') errors.push({ field: 'erPerson', message: 'Velg personer, organisasjoner eller begge' });
  return errors.length > before ? undefined : filter;
}

/** `YYYY-MM-DD` (the date input) or `DD.MM.YYYY` (typed by hand) to `YYYY-MM-DD`, if it is a real date from 1900 on. */
function isoDateOf(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = text.includes('-')
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [Number(match[3]), Number(match[2]), Number(match[1])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** The "open a case" form: the vehicle from the result, and where and when it was seen. */
export interface NySakForm {
  kjennemerke: string;
  understellsnummer: string;
  observert: string;
  adresse: string;
  lat: string;
  lon: string;
  beskrivelse: string;
}

export function readNySakForm(body: unknown): NySakForm {
  return readFields(body, ['kjennemerke', 'understellsnummer', 'observert', 'adresse', 'lat', 'lon', 'beskrivelse']);
}

const DECIMAL = /^-?\d{1,3}([.,]\d{1,8})?$/;

/**
 * Where the new case's identifiers come from: carried over (hidden) from a lookup result on the
 * Oppslag page, where a problem means the lookup must be redone, or typed by hand on the case
 * list's "Ny sak", where each problem points at its own field. The rest is checked the same way.
 */
export type NySakSource = 'oppslag' | 'manuell';

const IDENTIFIER_PROBLEMS: Record<
  NySakSource,
  Record<'missing' | 'kjennemerke' | 'understellsnummer', { field: string; message: string }>
> = {
  oppslag: {
    missing: {
      field: 'observert',
      message: 'Saken mangler kjennemerke eller understellsnummer; gjør oppslaget på nytt',
    },
    kjennemerke: { field: 'observert', message: 'Kjennemerket er ugyldig; gjør oppslaget på nytt' },
    understellsnummer: { field: 'observert', message: 'Understellsnummeret er ugyldig; gjør oppslaget på nytt' },
  },
  manuell: {
    missing: { field: 'kjennemerke', message: 'Skriv kjennemerke eller understellsnummer' },
    kjennemerke: { field: 'kjennemerke', message: IDENTIFIER_MESSAGES.kjennemerke },
    understellsnummer: { field: 'understellsnummer', message: IDENTIFIER_MESSAGES.understellsnummer },
  },
};

export function validateNySak(
  form: NySakForm,
  source: NySakSource = 'oppslag',
): { ok: true; observasjon: Observasjon } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const problems = IDENTIFIER_PROBLEMS[source];
  const kjennemerke = form.kjennemerke.trim();
  const understellsnummer = form.understellsnummer.trim();
  if (kjennemerke === '' && understellsnummer === '') errors.push(problems.missing);
  if (kjennemerke !== '' && !isValidKjennemerke(kjennemerke)) errors.push(problems.kjennemerke);
  if (understellsnummer !== '' && !isValidUnderstellsnummer(understellsnummer)) {
    errors.push(problems.understellsnummer);
  }
  const observert = parseOsloLocal(form.observert);
  if (!observert.ok)
    errors.push({ field: 'observert', message: 'Skriv når kjøretøyet ble observert, som dato og klokkeslett' });
  else if (Date.parse(observert.iso) > Date.now() + 5 * 60_000) {
    errors.push({ field: 'observert', message: 'Observasjonstidspunktet kan ikke være frem i tid' });
  }
  const adresse = form.adresse.trim();
  if (adresse === '') errors.push({ field: 'adresse', message: 'Skriv hvor kjøretøyet står' });
  else if (adresse.length > 300 || SINGLE_LINE_CONTROL.test(adresse))
    errors.push({ field: 'adresse', message: 'Adressen kan ha høyst 300 tegn' });
  const coordinate = (value: string, id: string, label: string, limit: number): number | undefined => {
    const text = value.trim();
    const number = DECIMAL.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
    if (Number.isNaN(number) || Math.abs(number) > limit) {
      errors.push({
        field: id,
        message: `Skriv ${label} som desimaltall, for eksempel ${id === 'lat' ? '59,9127' : '10,7461'}`,
      });
      return undefined;
    }
    return number;
  };
  const lat = coordinate(form.lat, 'lat', 'breddegrad', 90);
  const lon = coordinate(form.lon, 'lon', 'lengdegrad', 180);
  const beskrivelse = form.beskrivelse.trim();
  if (beskrivelse.length > 2000) errors.push({ field: 'beskrivelse', message: 'Beskrivelsen kan ha høyst 2000 tegn' });
  if (errors.length > 0 || !observert.ok || lat === undefined || lon === undefined) return { ok: false, errors };
  return {
    ok: true,
    observasjon: {
      ...(kjennemerke === '' ? {} : { kjennemerke: normaliseKjennemerke(kjennemerke) }),
      ...(understellsnummer === '' ? {} : { understellsnummer: normaliseUnderstellsnummer(understellsnummer) }),
      observertTidspunkt: observert.iso,
      sted: { adresse, lat, lon },
      ...(beskrivelse === '' ? {} : { beskrivelse }),
    },
  };
}
