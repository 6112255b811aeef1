import type { Part } from '@kjoretoyregister/core';
import { stringify } from 'csv-stringify/sync';
import type { BulkItemResult } from '../persistence/schema.js';
import type { BulkItemRow } from '../persistence/bulk-lookups.repository.js';

const RESULT_WORDS: Record<BulkItemResult, string> = {
  found: 'Funnet',
  not_found: 'Ikke funnet',
  shielded: 'Skjermet',
  unavailable: 'Ikke utlevert',
  several: 'Flere treff',
  failed: 'Feilet',
};

const HEADER = [
  'linje',
  'identifikator',
  'tidspunkt',
  'resultat',
  'kjennemerke',
  'understellsnummer',
  'merke',
  'modell',
  'eier',
  'adresse',
  'postnummer',
  'poststed',
  'skjermet',
] as const;

/**
 * A cell Excel would read as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) gets a leading
 * apostrophe (OWASP "CSV injection"): names and addresses come from the register, not from us.
 */
function cell(value: string | undefined): string {
  const text = value ?? '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The result file: `;`-separated with a UTF-8 BOM, which is what Excel in a Norwegian locale opens
 * correctly by double-click. A shielded owner is "Skjermet" with no name and no address;
 * `fodselsnummer` adds its column only for those allowed to see it.
 */
export function bulkResultCsv(items: readonly BulkItemRow[], options: { fodselsnummer: boolean }): string {
  const rows: string[][] = [options.fodselsnummer ? [...HEADER, 'fødselsnummer'] : [...HEADER]];
  for (const item of items) {
    const k = item.kjoretoy;
    const shielded = item.result === 'shielded' || item.eier?.skjermet === true || item.eier?.eier?.skjermet === true;
    const owner: Part | undefined = shielded ? undefined : item.eier?.eier;
    const adresse = owner?.adresse;
    const row = [
      String(item.line),
      item.value,
      item.dtg ?? '',
      item.result ? RESULT_WORDS[item.result] : item.status === 'CANCELLED' ? 'Avbrutt' : 'Ikke ferdig',
      k?.kjennemerke,
      k?.understellsnummer,
      k?.merke,
      k?.modell,
      shielded ? 'Skjermet' : owner?.navn,
      adresse?.adresselinjer.join(', '),
      adresse?.postnummer,
      adresse?.poststed,
      item.result === 'found' || item.result === 'shielded' ? (shielded ? 'ja' : 'nei') : '',
    ].map(cell);
    if (options.fodselsnummer) row.push(cell(owner?.fodselsnummer));
    rows.push(row);
  }
  return `\uFEFF${stringify(rows, { delimiter: ';', record_delimiter: 'windows' })}`;
}
