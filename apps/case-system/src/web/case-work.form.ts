import { isValidKjennemerke, normaliseKjennemerke } from '@kjoretoyregister/core';
import {
  LUKKET_GRUNNER,
  MAX_MERKNAD,
  VARSEL_KANALER,
  type ApenFilter,
  type CaseListFilter,
  type Transition,
} from '../case-work/case-work.js';
import { SAK_STATUSES } from '../saker/domain/sak-status.js';
import { parseOsloLocal, toOsloLocalInput } from './oslo-time.js';
import type { FieldError } from './views/layout.js';
import { field, formBody, IDENTIFIER_MESSAGES, MULTI_LINE_CONTROL } from './form-fields.js';

/** A few minutes of clock difference between the person's PC and the server is not "the future". */
const SKEW_MS = 5 * 60_000;

/** The three case-work forms on the case page, as typed (re-rendered when something is wrong). */
export interface CaseWorkForms {
  kanal: string;
  sendt: string;
  fjernet: string;
  fjernetMerknad: string;
  grunn: string;
  lukkMerknad: string;
}

export function emptyCaseWorkForms(now = new Date()): CaseWorkForms {
  const local = toOsloLocalInput(now);
  return { kanal: '', sendt: local, fjernet: local, fjernetMerknad: '', grunn: '', lukkMerknad: '' };
}

export function readCaseWorkForms(body: unknown, now = new Date()): CaseWorkForms {
  const b = formBody(body);
  const forms = emptyCaseWorkForms(now);
  for (const name of Object.keys(forms) as (keyof CaseWorkForms)[]) {
    if (typeof b[name] === 'string') forms[name] = field(b, name);
  }
  return forms;
}

type Checked = { ok: true; transition: Transition } | { ok: false; errors: FieldError[] };

/** A moment that has happened, typed as Oslo wall-clock time into `id`. */
function pastMoment(value: string, id: string, what: string, errors: FieldError[]): Date | undefined {
  const parsed = parseOsloLocal(value);
  if (!parsed.ok) {
    errors.push({
      field: id,
      message:
        parsed.reason === 'nonexistent'
          ? 'Klokkeslettet finnes ikke i norsk tid (sommertid begynner)'
          : `Skriv ${what} som dato og klokkeslett`,
    });
    return undefined;
  }
  const at = new Date(parsed.iso);
  if (at.getTime() > Date.now() + SKEW_MS) {
    errors.push({ field: id, message: 'Tidspunktet kan ikke være frem i tid' });
    return undefined;
  }
  return at;
}

function merknad(value: string, id: string, errors: FieldError[]): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (text.length > MAX_MERKNAD || MULTI_LINE_CONTROL.test(text)) {
    errors.push({ field: id, message: `Merknaden kan ha høyst ${MAX_MERKNAD} tegn` });
  }
  return text;
}

export function validateVarsel(forms: CaseWorkForms): Checked {
  const errors: FieldError[] = [];
  const kanal = VARSEL_KANALER.find((k) => k.value === forms.kanal)?.value;
  if (!kanal) errors.push({ field: `kanal-${VARSEL_KANALER[0].value}`, message: 'Velg hvordan varselet ble sendt' });
  const sendt = pastMoment(forms.sendt, 'sendt', 'når varselet ble sendt', errors);
  if (errors.length > 0 || !kanal || !sendt) return { ok: false, errors };
  return { ok: true, transition: { kind: 'varsel_sendt', kanal, sendt } };
}

export function validateFjernet(forms: CaseWorkForms): Checked {
  const errors: FieldError[] = [];
  const fjernet = pastMoment(forms.fjernet, 'fjernet', 'når kjøretøyet ble fjernet', errors);
  const note = merknad(forms.fjernetMerknad, 'fjernetMerknad', errors);
  if (errors.length > 0 || !fjernet) return { ok: false, errors };
  return { ok: true, transition: { kind: 'fjernet', fjernet, ...(note ? { merknad: note } : {}) } };
}

export function validateLukk(forms: CaseWorkForms): Checked {
  const errors: FieldError[] = [];
  const grunn = LUKKET_GRUNNER.find((g) => g.value === forms.grunn)?.value;
  if (!grunn) errors.push({ field: `grunn-${LUKKET_GRUNNER[0].value}`, message: 'Velg hvorfor saken lukkes' });
  const note = merknad(forms.lukkMerknad, 'lukkMerknad', errors);
  if (grunn === 'annet' && note === undefined) {
    errors.push({ field: 'lukkMerknad', message: 'Skriv hvorfor saken lukkes når du velger «Annet»' });
  }
  if (errors.length > 0 || !grunn) return { ok: false, errors };
  return { ok: true, transition: { kind: 'lukket', grunn, ...(note ? { merknad: note } : {}) } };
}

/** The case list's filters as typed: status, open/closed and deadline from the URL, the plate from a POST body. */
export interface CaseListForm {
  status: string;
  apen: string;
  frist: string;
  side: string;
  kjennemerke: string;
}

export const APEN_VALG: readonly { value: ApenFilter; label: string }[] = [
  { value: 'apne', label: 'Åpne saker' },
  { value: 'lukkede', label: 'Lukkede saker' },
  { value: 'alle', label: 'Alle saker' },
];

/** `source` is the query (GET: never a plate) or the body of the plate search (POST). */
export function readCaseListForm(source: unknown, withPlate: boolean): CaseListForm {
  const b = formBody(source);
  return {
    status: field(b, 'status'),
    apen: field(b, 'apen') || 'apne',
    frist: field(b, 'frist'),
    side: field(b, 'side') || '1',
    kjennemerke: withPlate ? field(b, 'kjennemerke') : '',
  };
}

export function validateCaseList(
  form: CaseListForm,
): { ok: true; filter: CaseListFilter; side: number } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const status = form.status === '' ? undefined : SAK_STATUSES.find((s) => s === form.status);
  if (form.status !== '' && !status) errors.push({ field: 'status', message: 'Velg en status fra listen' });
  const apen = APEN_VALG.find((a) => a.value === form.apen)?.value;
  if (!apen) errors.push({ field: 'apen', message: 'Velg åpne, lukkede eller alle saker' });
  if (form.frist !== '' && form.frist !== '1') errors.push({ field: 'frist', message: 'Ugyldig valg for frist' });
  const side = /^\d{1,6}$/.test(form.side) && Number(form.side) >= 1 ? Number(form.side) : undefined;
  if (side === undefined) errors.push({ field: 'status', message: 'Sidetallet må være et positivt heltall' });
  const plate = form.kjennemerke.trim();
  let kjennemerke: string | undefined;
  if (plate !== '') {
    if (isValidKjennemerke(plate)) kjennemerke = normaliseKjennemerke(plate);
    else errors.push({ field: 'kjennemerke', message: IDENTIFIER_MESSAGES.kjennemerke });
  }
  if (errors.length > 0 || !apen || side === undefined) return { ok: false, errors };
  return {
    ok: true,
    side,
    filter: {
      apen,
      fristPassert: form.frist === '1',
      ...(status ? { status } : {}),
      ...(kjennemerke ? { kjennemerke } : {}),
    },
  };
}
