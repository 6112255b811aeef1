import { formatDtg } from '@kjoretoyregister/core';
import { CsvError, parse } from 'csv-parse/sync';
import type { BulkLookupConfig } from '../bulk-lookups/bulk-lookup.config.js';
import type { NewBulkItem } from '../persistence/bulk-lookups.repository.js';
import type { WebLookupConfig } from '../config/web-lookup.config.js';
import type { BulkLookupKind } from '../persistence/schema.js';
import type { FieldError } from './views/layout.js';
import { parseOsloLocal } from './oslo-time.js';
import { IDENTIFIERS, readFields } from './form-fields.js';
import { emptyPurposeForm, PURPOSE_FIELDS, validatePurpose, type PurposeForm } from './purpose.form.js';

export const BULK_KINDS: readonly { value: BulkLookupKind; label: string; noun: string }[] = [
  { value: 'kjennemerke', label: 'Kjennemerke', noun: 'et gyldig kjennemerke' },
  { value: 'understellsnummer', label: 'Understellsnummer', noun: 'et gyldig understellsnummer' },
  { value: 'kuid', label: 'Kuid', noun: 'en gyldig kuid' },
];

/** Line problems listed in the error summary; the rest are counted. */
export const MAX_LINE_ERRORS_SHOWN = 20;

/** What the person sent, as sent: re-rendered into the form when something is wrong. */
export interface BulkLookupForm extends PurposeForm {
  type: string;
  linjer: string;
}

/** The uploaded file, as multer hands it over (memory storage). */
export interface UploadedList {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface BulkLookupRequest {
  purpose: string;
  legalBasis: string;
  kind: BulkLookupKind;
  items: NewBulkItem[];
}

export function readBulkLookupForm(body: unknown): BulkLookupForm {
  return readFields(body, [...PURPOSE_FIELDS, 'type', 'linjer']);
}

export function emptyBulkLookupForm(config: WebLookupConfig): BulkLookupForm {
  return {
    ...emptyPurposeForm(config),
    type: 'kjennemerke',
    linjer: '',
  };
}

/** First cells that make the first line a header rather than an identifier. */
const HEADER_WORDS = new Set(['kjennemerke', 'understellsnummer', 'kuid', 'identifikator', 'regnr', 'vin']);
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_WALL = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/;
const NORWEGIAN_WALL = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{2})$/;

/**
 * A line's `dtg`: ISO-8601 with an offset, or Oslo wall-clock time (`2024-03-01 10:00`,
 * `01.03.2024 10:00`), as an instant in Oslo time with its offset (docs/contract.md#s4.7).
 */
export function parseDtg(text: string, now = Date.now()): { ok: true; iso: string } | { ok: false; message: string } {
  let iso: string | undefined;
  if (ISO_WITH_OFFSET.test(text)) {
    try {
      // Core's own normal form (Oslo wall clock with its offset), as every other dtg in the app.
      iso = formatDtg(text);
    } catch {
      iso = undefined;
    }
  } else {
    const wall = ISO_WALL.exec(text);
    const norwegian = NORWEGIAN_WALL.exec(text);
    const local = wall
      ? `${wall[1]}T${wall[2]}`
      : norwegian
        ? `${norwegian[3]}-${norwegian[2]?.padStart(2, '0')}-${norwegian[1]?.padStart(2, '0')}T${norwegian[4]?.padStart(2, '0')}:${norwegian[5]}`
        : undefined;
    if (local !== undefined) {
      const parsed = parseOsloLocal(local);
      if (parsed.ok) iso = parsed.iso;
      else if (parsed.reason === 'nonexistent')
        return { ok: false, message: 'klokkeslettet finnes ikke i norsk tid (sommertid begynner)' };
    }
  }
  if (iso === undefined) {
    return {
      ok: false,
      message: 'tidspunktet må skrives som 2024-03-01 10:00, 01.03.2024 10:00 eller ISO-8601 med tidssone',
    };
  }
  if (Date.parse(iso) > now) return { ok: false, message: 'tidspunktet kan ikke være frem i tid' };
  return { ok: true, iso };
}

/** Excel saves "CSV (semikolondelt)" in Windows-1252 unless told otherwise; UTF-8 is tried first. */
function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/**
 * Every line on its own: one line's stray quote must not hide the others' problems or shift their
 * numbers, so each is parsed by csv-parse separately instead of the text as one document.
 */
function parseLines(
  text: string,
  kind: BulkLookupKind,
  source: string,
  errors: FieldError[],
  lineErrors: { count: number },
): NewBulkItem[] {
  const items: NewBulkItem[] = [];
  const noun = BULK_KINDS.find((k) => k.value === kind)?.noun ?? 'en gyldig identifikator';
  const rules = IDENTIFIERS[kind];
  const problem = (line: number, message: string) => {
    lineErrors.count += 1;
    if (lineErrors.count <= MAX_LINE_ERRORS_SHOWN) errors.push({ field: source, message: `Linje ${line}: ${message}` });
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let seenFirst = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let cells: string[];
    try {
      const [record] = parse(raw, { delimiter: [';', ','], trim: true, relax_column_count: true }) as string[][];
      cells = (record ?? []).map((cell) => cell.trim());
    } catch (error) {
      problem(
        line,
        error instanceof CsvError ? 'linjen kan ikke leses som CSV (sjekk anførselstegn)' : 'ugyldig linje',
      );
      return;
    }
    while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    const first = !seenFirst;
    seenFirst = true;
    const [identifier = '', dtgText = '', ...rest] = cells;
    if (first && HEADER_WORDS.has(identifier.toLowerCase())) return;
    if (rest.length > 0) {
      problem(line, 'linjen har for mange kolonner; skriv identifikator og eventuelt tidspunkt');
      return;
    }
    let value: string | undefined;
    if (identifier === '') problem(line, 'identifikatoren mangler');
    else if (!rules.valid(identifier)) problem(line, `«${identifier.slice(0, 40)}» er ikke ${noun}`);
    else value = rules.normalise(identifier);
    let dtg: string | undefined;
    if (dtgText !== '') {
      const parsed = parseDtg(dtgText);
      if (parsed.ok) dtg = parsed.iso;
      else problem(line, parsed.message);
    }
    if (value !== undefined && (dtgText === '' || dtg !== undefined)) {
      items.push({ line, value, ...(dtg === undefined ? {} : { dtg }) });
    }
  });
  return items;
}

/** Every problem at once; nothing is queued unless there are none. */
export function validateBulkLookup(
  form: BulkLookupForm,
  file: UploadedList | undefined,
  config: { webLookup: WebLookupConfig; bulkLookup: BulkLookupConfig },
): { ok: true; request: BulkLookupRequest } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const { webLookup, bulkLookup } = config;
  const chosen = validatePurpose(form, webLookup, errors);
  const kind = BULK_KINDS.find((k) => k.value === form.type)?.value;
  if (!kind) errors.push({ field: 'type-kjennemerke', message: 'Velg hva listen inneholder' });
  const hasFile = file !== undefined && file.size > 0;
  const hasText = form.linjer.trim() !== '';
  let items: NewBulkItem[] = [];
  if (hasFile && hasText) {
    errors.push({ field: 'fil', message: 'Last opp en fil eller lim inn linjer, ikke begge deler' });
  } else if (!hasFile && !hasText) {
    errors.push({ field: 'fil', message: 'Last opp en CSV-fil eller lim inn linjene' });
  } else {
    const source = hasFile ? 'fil' : 'linjer';
    const bytes = hasFile ? file.size : Buffer.byteLength(form.linjer, 'utf8');
    if (bytes > bulkLookup.maxBytes) {
      errors.push({
        field: source,
        message: `${hasFile ? 'Filen' : 'Teksten'} er for stor: høyst ${Math.floor(bulkLookup.maxBytes / 1000)} kB`,
      });
    } else if (kind) {
      const text = hasFile ? decode(file.buffer) : form.linjer;
      const lineErrors = { count: 0 };
      items = parseLines(text, kind, source, errors, lineErrors);
      if (lineErrors.count > MAX_LINE_ERRORS_SHOWN) {
        errors.push({
          field: source,
          message: `… og ${lineErrors.count - MAX_LINE_ERRORS_SHOWN} linjer til med feil (${lineErrors.count} i alt)`,
        });
      }
      const lines = items.length + lineErrors.count;
      if (lines > bulkLookup.maxLines) {
        errors.unshift({
          field: source,
          message: `Listen har ${lines} linjer; høyst ${bulkLookup.maxLines} er tillatt`,
        });
      } else if (lines === 0) errors.push({ field: source, message: 'Listen har ingen linjer å slå opp' });
    }
  }
  if (errors.length > 0 || !kind || chosen === undefined) return { ok: false, errors };
  return { ok: true, request: { ...chosen, kind, items } };
}
