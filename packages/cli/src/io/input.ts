/**
 * Identifiers for a bulk lookup, from arguments and/or `--file <path|->`. A file holds one
 * identifier per line, or CSV with a header naming the columns (`kjennemerke|kuid[,dtg]`).
 * Values are passed to core untouched: normalising and validating them is core's job, and an
 * unusable line becomes an `invalid` result at its position instead of stopping the run.
 */

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../usage-error.js';

export type IdentifierKind = 'kjennemerke' | 'kuid';

/** What core's bulk lookup accepts: a bare identifier, or one with its own `dtg`. */
export type LookupItem = string | { kjennemerke: string; dtg: string } | { kuid: string; dtg: string };

const OTHER_KIND: Record<IdentifierKind, IdentifierKind> = { kjennemerke: 'kuid', kuid: 'kjennemerke' };

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads `--file`: a path relative to `cwd`, or `-` for stdin. */
async function readInputFile(file: string, cwd: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === '-') return readStream(stdin);
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new UsageError(`--file: cannot read ${file}`);
  }
}

/** Splits one CSV line; double quotes may wrap a field and `""` is a literal quote. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += char;
  }
  fields.push(field.trim());
  return fields;
}

function delimiterOf(line: string): string {
  for (const candidate of [',', ';', '\t']) if (line.includes(candidate)) return candidate;
  return ',';
}

/**
 * Parses a file's text into lookup items, in line order. Blank lines and `#` comments are
 * skipped. A header is recognised by a column named `kjennemerke` or `kuid`.
 *
 * @throws UsageError when the header names the other identifier kind or lacks this one.
 */
export function parseItems(text: string, kind: IdentifierKind): LookupItem[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (lines.length === 0) return [];
  const delimiter = delimiterOf(lines[0]);
  const head = splitCsvLine(lines[0], delimiter).map((cell) => cell.toLowerCase());
  // Neither word is a valid plate or kuid, so a line naming one is a header wherever it stands.
  const hasHeader = head.includes('kjennemerke') || head.includes('kuid');
  let idColumn = 0;
  let dtgColumn = 1;
  if (hasHeader) {
    idColumn = head.indexOf(kind);
    if (idColumn < 0) {
      const other = OTHER_KIND[kind];
      throw new UsageError(
        head.includes(other)
          ? `--file has a ${other} column; use \`kjoretoy oppslag ${other}\` for it`
          : `--file header has no ${kind} column`,
      );
    }
    dtgColumn = head.indexOf('dtg');
  }
  return (hasHeader ? lines.slice(1) : lines).map((line) => {
    const cells = splitCsvLine(line, delimiter);
    const id = cells[idColumn] ?? '';
    const dtg = dtgColumn >= 0 ? (cells[dtgColumn] ?? '') : '';
    if (dtg === '') return id;
    return kind === 'kjennemerke' ? { kjennemerke: id, dtg } : { kuid: id, dtg };
  });
}

/** Arguments first, then the file's lines. */
export async function collectItems(
  kind: IdentifierKind,
  args: readonly string[],
  file: string | undefined,
  cwd: string,
  stdin: NodeJS.ReadableStream,
): Promise<LookupItem[]> {
  const items: LookupItem[] = [...args];
  if (file !== undefined) items.push(...parseItems(await readInputFile(file, cwd, stdin), kind));
  if (items.length === 0) throw new UsageError(`give at least one ${kind}, or --file <file|->`);
  return items;
}
