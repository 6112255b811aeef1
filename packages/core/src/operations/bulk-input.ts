/**
 * Turns caller input into what bulk actually sends: normalised, validated per item, and
 * de-duplicated so each (identifier, dtg) pair costs one lookup however often it was passed.
 */

import {
  formatDtg,
  isValidKjennemerke,
  isValidKuid,
  normaliseKjennemerke,
  normaliseKuid,
} from '../contract/normalise.js';
import { ValidationError, type ValidationIssue } from '../errors.js';

export type BulkKind = 'kjennemerke' | 'kuid';

export interface KjennemerkeItem {
  kjennemerke: string;
  dtg?: Date | string;
  /** The caller's case this item belongs to, when one call looks up for several cases (see `AuditCasePart`). */
  caseRef?: string;
}

export interface KuidItem {
  kuid: string;
  dtg?: Date | string;
  /** The caller's case this item belongs to, when one call looks up for several cases (see `AuditCasePart`). */
  caseRef?: string;
}

/** A plate or kuid as a string, or an object naming it with an optional per-item `dtg`. */
export type BulkInputFor<K extends BulkKind> = string | (K extends 'kjennemerke' ? KjennemerkeItem : KuidItem);
export type BulkInput = BulkInputFor<'kjennemerke'> | BulkInputFor<'kuid'>;

/** One distinct lookup and every input position that asked for it. */
export interface PlannedRequest {
  id: string;
  dtg?: string;
  inputIndexes: number[];
}

export interface BulkPlan {
  requests: PlannedRequest[];
  invalid: { index: number; error: ValidationError }[];
  /** Each input's own `caseRef`, by input index; absent when no item named one. */
  caseRefs?: (string | undefined)[];
}

const RULES: Record<BulkKind, { normalise: (v: string) => string; isValid: (v: string) => boolean; noun: string }> = {
  kjennemerke: { normalise: normaliseKjennemerke, isValid: isValidKjennemerke, noun: 'plate' },
  kuid: { normalise: normaliseKuid, isValid: isValidKuid, noun: 'kuid' },
};

function invalidItem(path: string, message: string): ValidationError {
  return new ValidationError(`${path} ${message}`, { issues: [{ path, message }] });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

type ParsedItem = { ok: true; id: string; dtg?: string; caseRef?: string } | { ok: false; error: ValidationError };

/** Every problem of one item at once: its identifier and its own `dtg`. */
function parseItem(kind: BulkKind, item: unknown, index: number, callDtg: string | undefined): ParsedItem {
  const rule = RULES[kind];
  const at = `items[${index}]`;
  if (typeof item !== 'string' && !isRecord(item)) {
    return { ok: false, error: invalidItem(at, `must be a string or an object with ${kind}`) };
  }
  const raw = typeof item === 'string' ? item : item[kind];
  const path = typeof item === 'string' ? at : `${at}.${kind}`;
  const issues: ValidationIssue[] = [];
  // Normalised once: normalising is idempotent, so the validity check may be given the result.
  const id = typeof raw === 'string' ? rule.normalise(raw) : undefined;
  if (raw === undefined || raw === null) issues.push({ path, message: 'is missing' });
  else if (id === undefined) issues.push({ path, message: 'must be a string' });
  // Blank (or only spaces and hyphens) is a different fix than a wrong plate: usually an empty column.
  else if (id === '') issues.push({ path, message: 'is empty' });
  else if (!rule.isValid(id)) issues.push({ path, message: `is not a valid ${rule.noun}` });

  let dtg = callDtg;
  if (typeof item !== 'string' && item['dtg'] !== undefined) {
    try {
      dtg = formatDtg(item['dtg'] as Date | string, `${at}.dtg`);
    } catch (error) {
      // formatDtg throws only ValidationError; anything else is a bug and must not pass as an item issue.
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  const caseRef = typeof item === 'string' ? undefined : item['caseRef'];
  if (caseRef !== undefined && (typeof caseRef !== 'string' || caseRef.trim() === '')) {
    issues.push({ path: `${at}.caseRef`, message: 'must be a non-empty string' });
  }
  if (issues.length > 0 || id === undefined) {
    const message = issues.map((i) => `${i.path} ${i.message}`).join('; ');
    return { ok: false, error: new ValidationError(message, { issues }) };
  }
  return {
    ok: true,
    id,
    ...(dtg === undefined ? {} : { dtg }),
    ...(typeof caseRef === 'string' ? { caseRef } : {}),
  };
}

/** @param callDtg the call-level `dtg`, already formatted; items without their own use it. */
export function planBulk(kind: BulkKind, items: readonly unknown[], callDtg: string | undefined): BulkPlan {
  const byKey = new Map<string, PlannedRequest>();
  const invalid: BulkPlan['invalid'] = [];
  const caseRefs: (string | undefined)[] = Array.from({ length: items.length }, () => undefined);
  let anyCaseRef = false;
  items.forEach((item, index) => {
    const parsed = parseItem(kind, item, index, callDtg);
    if (!parsed.ok) {
      invalid.push({ index, error: parsed.error });
      return;
    }
    caseRefs[index] = parsed.caseRef;
    if (parsed.caseRef !== undefined) anyCaseRef = true;
    const key = `${parsed.id}\u0000${parsed.dtg ?? ''}`;
    const existing = byKey.get(key);
    if (existing) existing.inputIndexes.push(index);
    else
      byKey.set(key, {
        id: parsed.id,
        ...(parsed.dtg === undefined ? {} : { dtg: parsed.dtg }),
        inputIndexes: [index],
      });
  });
  return { requests: [...byKey.values()], invalid, ...(anyCaseRef ? { caseRefs } : {}) };
}

export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}
