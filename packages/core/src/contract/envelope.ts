/**
 * What every reader of the bulk (B1–B3) and search (S1–S7) response envelopes shares. Every guess about
 * their shape lives in this folder (this file, bulk-envelope.ts, vin-envelope.ts, search-envelope.ts) so
 * that a real response contradicting docs/contract.md#s7a and docs/contract.md#s7d changes these files only.
 * Readers are tolerant (docs/contract.md#s5.9): unknown fields pass through, `null` is read as absent, and
 * one unreadable element never sinks its neighbours.
 */

import { ResponseFormatError, type SchemaIssue } from '../errors.js';
import { isKjoretoyResponse, isResponskode } from '../schemas/generated-checks.js';
import { KjoretoyResponseSchema, type Kjoretoy, type KjoretoyResponse, type Responskode } from '../schemas/index.js';
import { UNAVAILABLE_RESPONSKODE } from './assumptions.js';

/** How one response element answers its item: only `found` carries a vehicle. */
export type ClassifiedElement =
  | { status: 'found'; kjoretoy: Kjoretoy; responskoder: Responskode[] }
  | { status: 'not_found'; kjoretoy?: undefined; responskoder: Responskode[] }
  | { status: 'unavailable'; kjoretoy?: undefined; responskoder: Responskode[] };

export type ZodIssueLike = { path: readonly PropertyKey[]; code: string; message: string };

/** Issue paths and codes only: the offending values may be personal data (docs/contract.md#s9.11). */
export function issueDetails(issues: readonly ZodIssueLike[]): SchemaIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NULLABLE_ENVELOPE_FIELDS = ['kjoretoy', 'responskoder', 'eksternReferanseId'] as const;

/**
 * docs/contract.md#s5.8: absent scalars are omitted, but `null` must still read as absent. Copies
 * the element only when it has such a `null` (the usual element has none and is returned as is).
 */
export function withoutNullEnvelopeFields(element: unknown): unknown {
  if (!isRecord(element) || !NULLABLE_ENVELOPE_FIELDS.some((key) => element[key] === null)) return element;
  const copy: Record<string, unknown> = { ...element };
  for (const key of NULLABLE_ENVELOPE_FIELDS) {
    if (copy[key] === null) delete copy[key];
  }
  return copy;
}

/** Reads a nested property without trusting the (placeholder or generated) static types. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

function hasCode(responskoder: readonly Responskode[], code: string): boolean {
  return responskoder.some((r) => readPath(r, ['kode']) === code);
}

/**
 * CONTRACT-ASSUMPTION (a): `kjoretoy` present → found; absent with `UNAVAILABLE_RESPONSKODE` →
 * unavailable; any other element without `kjoretoy` → not found, whatever its code.
 */
export function classifyElement(element: KjoretoyResponse): ClassifiedElement {
  const responskoder = element.responskoder ?? [];
  if (element.kjoretoy !== undefined && element.kjoretoy !== null) {
    return { status: 'found', kjoretoy: element.kjoretoy, responskoder };
  }
  return hasCode(responskoder, UNAVAILABLE_RESPONSKODE)
    ? { status: 'unavailable', responskoder }
    : { status: 'not_found', responskoder };
}

type ReadElement = { ok: true; element: KjoretoyResponse } | { ok: false; error: ResponseFormatError };

/**
 * Reads one element as KjoretoyResponse. The generated guard (the same rules as
 * KjoretoyResponseSchema, schemas/check-kit.ts) decides without copying, so a readable element is the
 * parsed JSON itself, unknown fields and all. Only an element it refuses goes to zod, the schema of
 * record, which names the issues (and would have the last word if the two ever disagreed).
 */
export function readElement(raw: unknown, index: number, what: string): ReadElement {
  const candidate = withoutNullEnvelopeFields(raw);
  if (isKjoretoyResponse(candidate)) return { ok: true, element: candidate };
  const parsed = KjoretoyResponseSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, element: parsed.data };
  return {
    ok: false,
    error: new ResponseFormatError(`${what} element ${index} does not match KjoretoyResponse`, {
      details: issueDetails(parsed.error.issues),
    }),
  };
}

interface RawEnvelope {
  elements: unknown[];
  responskoder: Responskode[];
}

function topLevelResponskoder(body: Record<string, unknown>): Responskode[] {
  const raw = body['responskoder'];
  if (!Array.isArray(raw)) return [];
  // Unreadable top-level codes are diagnostics only; dropping one never changes an outcome.
  return raw.flatMap((r): Responskode[] => (isResponskode(r) ? [r] : []));
}

/**
 * CONTRACT-ASSUMPTION (a): a JSON array of KjoretoyResponse; defensively also the Kjøretøysøk
 * object envelope `{ kjoretoyresponser: [...] }` (or its writeOnly alias `kjoretoy`), and a
 * bodiless 204 (`undefined`) as an empty list.
 */
export function openEnvelope(body: unknown, what: string): RawEnvelope {
  if (body === undefined || body === null || body === '') return { elements: [], responskoder: [] };
  if (Array.isArray(body)) return { elements: body, responskoder: [] };
  if (isRecord(body)) {
    const list = body['kjoretoyresponser'] ?? (Array.isArray(body['kjoretoy']) ? body['kjoretoy'] : undefined);
    if (list !== undefined && list !== null && !Array.isArray(list)) {
      throw new ResponseFormatError(`${what} response has a kjoretoyresponser field that is not a list`);
    }
    return { elements: (list as unknown[] | null | undefined) ?? [], responskoder: topLevelResponskoder(body) };
  }
  throw new ResponseFormatError(`${what} response is neither a list nor an object`, { details: { type: typeof body } });
}
