import {
  isValidKjennemerke,
  isValidKuid,
  isValidUnderstellsnummer,
  normaliseKjennemerke,
  normaliseKuid,
  normaliseUnderstellsnummer,
} from '@kjoretoyregister/core';
import type { WebLookupConfig } from '../config/web-lookup.config.js';
import type { WebLookupKind, WebLookupRequest } from '../web-lookup/web-lookup.service.js';
import type { Observasjon } from '../saker/domain/sak.js';
import type { FieldError } from './views/layout.js';
import { parseOsloLocal } from './oslo-time.js';

/** The "other, write it yourself" choice in the purpose and legal-basis lists. */
export const ANNET = '__annet__';

export const KINDS: readonly { value: WebLookupKind; label: string }[] = [
  { value: 'kjennemerke', label: 'Kjennemerke' },
  { value: 'understellsnummer', label: 'Understellsnummer' },
  { value: 'kuid', label: 'Kuid' },
  { value: 'eiernavn', label: 'Eiers navn' },
];

/** What the person typed, as typed: re-rendered into the form when something is wrong. */
export interface WebLookupForm {
  formal: string;
  formalAnnet: string;
  hjemmel: string;
  hjemmelAnnet: string;
  type: string;
  verdi: string;
  tidspunkt: string;
  fra: string;
}

const MAX_TEXT = 200;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

export function readWebLookupForm(body: unknown): WebLookupForm {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    formal: field(b, 'formal'),
    formalAnnet: field(b, 'formalAnnet'),
    hjemmel: field(b, 'hjemmel'),
    hjemmelAnnet: field(b, 'hjemmelAnnet'),
    type: field(b, 'type'),
    verdi: field(b, 'verdi'),
    tidspunkt: field(b, 'tidspunkt'),
    fra: field(b, 'fra'),
  };
}

export function emptyWebLookupForm(config: WebLookupConfig): WebLookupForm {
  return {
    formal: config.purposes.length === 1 ? config.purposes[0] : '',
    formalAnnet: '',
    hjemmel: config.legalBases.length === 1 ? config.legalBases[0] : '',
    hjemmelAnnet: '',
    type: 'kjennemerke',
    verdi: '',
    tidspunkt: '',
    fra: '1',
  };
}

/** One of the configured entries, or free text where the configuration allows it. */
function choice(
  chosen: string,
  annet: string,
  options: { list: readonly string[]; freeText: boolean; field: string; annetField: string; what: string },
  errors: FieldError[],
): string | undefined {
  if (chosen === ANNET && options.freeText) {
    const text = annet.trim();
    if (text === '') errors.push({ field: options.annetField, message: `Skriv inn ${options.what}` });
    else if (text.length > MAX_TEXT || CONTROL.test(text)) {
      errors.push({ field: options.annetField, message: `${capital(options.what)} kan ha høyst ${MAX_TEXT} tegn` });
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

/** Every problem at once; nothing is sent to the register unless there are none. */
export function validateWebLookup(
  form: WebLookupForm,
  config: WebLookupConfig,
): { ok: true; request: WebLookupRequest } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const purpose = choice(
    form.formal,
    form.formalAnnet,
    {
      list: config.purposes,
      freeText: config.freeTextPurpose,
      field: 'formal',
      annetField: 'formalAnnet',
      what: 'formål',
    },
    errors,
  );
  const legalBasis = choice(
    form.hjemmel,
    form.hjemmelAnnet,
    {
      list: config.legalBases,
      freeText: config.freeTextLegalBasis,
      field: 'hjemmel',
      annetField: 'hjemmelAnnet',
      what: 'hjemmel',
    },
    errors,
  );
  const kind = KINDS.find((k) => k.value === form.type)?.value;
  if (!kind) errors.push({ field: 'type-kjennemerke', message: 'Velg hva du vil slå opp på' });
  const raw = form.verdi.trim();
  let value: string | undefined;
  if (raw === '') {
    errors.push({ field: 'verdi', message: 'Skriv inn det du vil slå opp' });
  } else if (kind === 'kjennemerke') {
    if (isValidKjennemerke(raw)) value = normaliseKjennemerke(raw);
    else errors.push({ field: 'verdi', message: 'Kjennemerket må ha 2–7 bokstaver og sifre, for eksempel ST10001' });
  } else if (kind === 'understellsnummer') {
    if (isValidUnderstellsnummer(raw)) value = normaliseUnderstellsnummer(raw);
    else errors.push({ field: 'verdi', message: 'Understellsnummeret må ha 1–17 bokstaver og sifre' });
  } else if (kind === 'kuid') {
    if (isValidKuid(raw)) value = normaliseKuid(raw);
    else errors.push({ field: 'verdi', message: 'Kuid må være et tall, for eksempel 3378300001' });
  } else if (kind === 'eiernavn') {
    if (raw.length < 2 || raw.length > MAX_TEXT || CONTROL.test(raw)) {
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
  const fra = /^\d{1,7}$/.test(form.fra) && Number(form.fra) >= 1 ? Number(form.fra) : 1;
  if (errors.length > 0 || !kind || value === undefined || purpose === undefined || legalBasis === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, request: { kind, value, fra, purpose, legalBasis, ...(dtg === undefined ? {} : { dtg }) } };
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
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    kjennemerke: field(b, 'kjennemerke'),
    understellsnummer: field(b, 'understellsnummer'),
    observert: field(b, 'observert'),
    adresse: field(b, 'adresse'),
    lat: field(b, 'lat'),
    lon: field(b, 'lon'),
    beskrivelse: field(b, 'beskrivelse'),
  };
}

const DECIMAL = /^-?\d{1,3}([.,]\d{1,8})?$/;

export function validateNySak(
  form: NySakForm,
): { ok: true; observasjon: Observasjon } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const kjennemerke = form.kjennemerke.trim();
  const understellsnummer = form.understellsnummer.trim();
  if (kjennemerke === '' && understellsnummer === '') {
    errors.push({
      field: 'observert',
      message: 'Saken mangler kjennemerke eller understellsnummer; gjør oppslaget på nytt',
    });
  }
  if (kjennemerke !== '' && !isValidKjennemerke(kjennemerke)) {
    errors.push({ field: 'observert', message: 'Kjennemerket er ugyldig; gjør oppslaget på nytt' });
  }
  if (understellsnummer !== '' && !isValidUnderstellsnummer(understellsnummer)) {
    errors.push({ field: 'observert', message: 'Understellsnummeret er ugyldig; gjør oppslaget på nytt' });
  }
  const observert = parseOsloLocal(form.observert);
  if (!observert.ok)
    errors.push({ field: 'observert', message: 'Skriv når kjøretøyet ble observert, som dato og klokkeslett' });
  else if (Date.parse(observert.iso) > Date.now() + 5 * 60_000) {
    errors.push({ field: 'observert', message: 'Observasjonstidspunktet kan ikke være frem i tid' });
  }
  const adresse = form.adresse.trim();
  if (adresse === '') errors.push({ field: 'adresse', message: 'Skriv hvor kjøretøyet står' });
  else if (adresse.length > 300 || CONTROL.test(adresse))
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
