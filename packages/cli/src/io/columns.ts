/**
 * Table columns per `--fields`: the few fields that fit a terminal. JSON, NDJSON and CSV carry
 * every projected field; the table is for a quick look.
 */

import type { FieldSet } from '../global-options.js';

export interface Column {
  header: string;
  value(row: Readonly<Record<string, unknown>>): string;
}

export function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'boolean') return value ? 'ja' : 'nei';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const field = (header: string, ...path: string[]): Column => ({ header, value: (row) => cell(at(row, path)) });

/** The bulk input as typed: a bare identifier, or identifier + its own dtg. */
const input: Column = {
  header: 'input',
  value: (row) => {
    const value = row['input'];
    if (typeof value === 'string') return value;
    const id = at(value, ['kjennemerke']) ?? at(value, ['kuid']);
    const dtg = at(value, ['dtg']);
    return `${cell(id)}${dtg ? ` @ ${cell(dtg)}` : ''}`;
  },
};

const merknad: Column = {
  header: 'merknad',
  value: (row) => {
    const code = at(row, ['error', 'code']);
    if (code) return `${cell(code)}: ${cell(at(row, ['error', 'message']))}`;
    const koder = at(row, ['responskoder']);
    return Array.isArray(koder) ? koder.map((k) => cell(at(k, ['kode']))).join(', ') : '';
  },
};

function party(role: string): Column {
  return {
    header: role,
    value: (row) => {
      const part = at(row, ['kjoretoy', role]);
      if (!part) return '';
      const navn = cell(at(part, ['navn']));
      const shielded = at(part, ['skjermet']) === true ? ' (skjermet)' : '';
      const adresse = at(part, ['adresse']);
      const lines = adresse
        ? [
            ...((at(adresse, ['adresselinjer']) as string[] | undefined) ?? []),
            [cell(at(adresse, ['postnummer'])), cell(at(adresse, ['poststed']))].filter(Boolean).join(' '),
          ].filter(Boolean)
        : [];
      return [navn + shielded, ...lines].join('\n');
    },
  };
}

const TEKNISK: Column[] = [
  field('kjennemerke', 'kjoretoy', 'kjennemerke'),
  field('merke', 'kjoretoy', 'merke'),
  field('modell', 'kjoretoy', 'modell'),
  field('farge', 'kjoretoy', 'farge'),
  field('registreringsstatus', 'kjoretoy', 'registreringsstatus'),
  field('førstegangsreg.', 'kjoretoy', 'forstegangsregistrertNorge'),
  field('egenvekt', 'kjoretoy', 'egenvekt'),
  field('totalvekt', 'kjoretoy', 'tillattTotalvekt'),
];

const EIER: Column[] = [
  field('kjennemerke', 'kjoretoy', 'kjennemerke'),
  field('skjermet', 'kjoretoy', 'skjermet'),
  party('eier'),
  party('medeier'),
  party('leasingtaker'),
];

/** Columns for vehicle rows; `withInput` for bulk results, which echo the input. */
export function vehicleColumns(fields: FieldSet, withInput: boolean): Column[] {
  const body = fields === 'eier' ? EIER : TEKNISK;
  return [...(withInput ? [input] : []), field('status', 'status'), ...body, merknad];
}

export const KUNDE_COLUMNS: Column[] = [
  field('navn', 'kunde', 'navn'),
  field('type', 'kunde', 'type'),
  field('fødselsdato', 'kunde', 'fodselsdato'),
  field('organisasjonsnummer', 'kunde', 'organisasjonsnummer'),
  field('postnummer', 'kunde', 'adresse', 'postnummer'),
  field('poststed', 'kunde', 'adresse', 'poststed'),
  field('skjermet', 'kunde', 'skjermet'),
  field('kjøretøy', 'antallKjoretoy'),
];
