/**
 * Writes rows as table, JSON (one array), NDJSON (one object per line) or CSV (nested fields
 * flattened to dotted columns). Data goes to stdout only; summaries and errors go to stderr.
 */

import Table from 'cli-table3';
import type { FieldSet, Format } from '../global-options.js';
import type { OutputStream } from '../terminal.js';
import { UsageError } from '../usage-error.js';
import type { Column } from './columns.js';

/**
 * `--format` if given, else table on a terminal and JSON otherwise. The whole vehicle does not
 * fit a table or a CSV row, so `--fields full` defaults to JSON and refuses the other two.
 */
export function resolveFormat(requested: Format | undefined, fields: FieldSet, stdout: OutputStream): Format {
  if (fields === 'full') {
    if (requested === 'table' || requested === 'csv') {
      throw new UsageError(`--fields full needs --format json or ndjson (the whole vehicle does not fit ${requested})`);
    }
    return requested ?? 'json';
  }
  return requested ?? (stdout.isTTY ? 'table' : 'json');
}

function renderTable(rows: readonly object[], columns: readonly Column[]): string {
  // No colours: the table may be piped or pasted into a case file.
  const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push(columns.map((c) => c.value(row as Record<string, unknown>)));
  return `${table.toString()}\n`;
}

function csvField(value: string): string {
  return /[",\r\n;]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Nested objects become dotted columns. `kjoretoy` and `kunde` are unwrapped so their fields are
 * top-level columns; an input given with its own dtg becomes `input` + `dtg`; arrays of scalars
 * are joined with "; ", arrays of objects kept as JSON.
 */
export function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) {
    out[prefix] = value.every((v) => v === null || typeof v !== 'object')
      ? value.map(String).join('; ')
      : JSON.stringify(value);
    return out;
  }
  if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (prefix === '' && key === 'input' && child !== null && typeof child === 'object') {
        // An input with its own dtg: keep one `input` column for every row, plus `dtg`.
        const item = child as Record<string, unknown>;
        flatten(item['kjennemerke'] ?? item['kuid'], 'input', out);
        flatten(item['dtg'], 'dtg', out);
        continue;
      }
      const unwrapped = prefix === '' && (key === 'kjoretoy' || key === 'kunde');
      flatten(child, unwrapped ? '' : prefix ? `${prefix}.${key}` : key, out);
    }
    return out;
  }
  out[prefix] = String(value);
  return out;
}

export function renderCsv(rows: readonly object[]): string {
  const flat = rows.map((row) => flatten(row));
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const row of flat) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  }
  const lines = [headers.map(csvField).join(',')];
  for (const row of flat) lines.push(headers.map((h) => csvField(row[h] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

export function writeRows(
  stdout: OutputStream,
  format: Format,
  rows: readonly object[],
  columns: readonly Column[],
): void {
  switch (format) {
    case 'json':
      stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    case 'ndjson':
      stdout.write(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      return;
    case 'csv':
      stdout.write(renderCsv(rows));
      return;
    default:
      stdout.write(renderTable(rows, columns));
  }
}
