/**
 * The only reader of the bulk (B1–B3) and search (S1–S7) response envelopes. Every guess about
 * their shape lives here so that a real response contradicting docs/contract.md#s7a and docs/contract.md#s7d changes
 * this file only. Readers are tolerant (docs/contract.md#s5.9): unknown fields pass through, `null` is read
 * as absent, and one unreadable element never sinks its neighbours.
 */

import { ResponseFormatError } from '../errors.js';
import {
  KjoretoyResponseSchema,
  KjoretoysokResponseSchema,
  KundeSokResponseSchema,
  ResponskodeSchema,
  type Kjoretoy,
  type KjoretoyResponse,
  type KjoretoysokResponse,
  type KundeSokResponse,
  type Responskode,
} from '../schemas/index.js';
import { UNAVAILABLE_RESPONSKODE } from './assumptions.js';
import { normaliseKjennemerke, normaliseKuid } from './normalise.js';

export type ElementStatus = 'found' | 'not_found' | 'unavailable' | 'error';

export interface ElementOutcome {
  status: ElementStatus;
  kjoretoy?: Kjoretoy;
  /** The element's own codes; for an input with no element, the envelope's top-level codes. */
  responskoder: Responskode[];
  /** Set when `status` is `error`: this element could not be read. */
  error?: ResponseFormatError;
}

/** Returns the normalised keys a response element answers to, for length-mismatch correlation. */
export type ElementKeys = (element: KjoretoyResponse) => readonly string[];

type ZodIssueLike = { path: readonly PropertyKey[]; code: string; message: string };

/** Issue paths and codes only: the offending values may be personal data (docs/contract.md#s9.11). */
function issueDetails(issues: readonly ZodIssueLike[]): { path: string; code: string; message: string }[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** docs/contract.md#s5.8: absent scalars are omitted, but `null` must still read as absent. */
function withoutNullEnvelopeFields(element: unknown): unknown {
  if (!isRecord(element)) return element;
  const copy: Record<string, unknown> = { ...element };
  for (const key of ['kjoretoy', 'responskoder', 'eksternReferanseId']) {
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
export function classifyElement(element: KjoretoyResponse): ElementOutcome {
  const responskoder = element.responskoder ?? [];
  if (element.kjoretoy !== undefined && element.kjoretoy !== null) {
    return { status: 'found', kjoretoy: element.kjoretoy, responskoder };
  }
  return { status: hasCode(responskoder, UNAVAILABLE_RESPONSKODE) ? 'unavailable' : 'not_found', responskoder };
}

type ReadElement = { ok: true; element: KjoretoyResponse } | { ok: false; error: ResponseFormatError };

function readElement(raw: unknown, index: number, what: string): ReadElement {
  const parsed = KjoretoyResponseSchema.safeParse(withoutNullEnvelopeFields(raw));
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
  return raw.flatMap((r): Responskode[] => {
    const parsed = ResponskodeSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * CONTRACT-ASSUMPTION (a): a JSON array of KjoretoyResponse; defensively also the Kjøretøysøk
 * object envelope `{ kjoretoyresponser: [...] }` (or its writeOnly alias `kjoretoy`), and a
 * bodiless 204 (`undefined`) as an empty list.
 */
function openEnvelope(body: unknown, what: string): RawEnvelope {
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

/** B1 correlation keys: the plate in `kjoretoyId` and every plate that is or was attached (docs/contract.md#s5.8). */
export const kjennemerkeKeys: ElementKeys = (element) => {
  const keys = new Set<string>();
  const current = readPath(element, ['kjoretoy', 'kjoretoyId', 'kjennemerke']);
  if (typeof current === 'string') keys.add(normaliseKjennemerke(current));
  const plates = readPath(element, ['kjoretoy', 'kjennemerke']);
  if (Array.isArray(plates)) {
    for (const plate of plates) {
      const value = readPath(plate, ['kjennemerke']);
      if (typeof value === 'string') keys.add(normaliseKjennemerke(value));
    }
  }
  return [...keys];
};

/** B2 correlation key: `kjoretoyId.kuid`. */
export const kuidKeys: ElementKeys = (element) => {
  const kuid = readPath(element, ['kjoretoy', 'kjoretoyId', 'kuid']);
  return typeof kuid === 'string' ? [normaliseKuid(kuid)] : [];
};

/**
 * Reads a B1/B2 response into one outcome per request item, in request order.
 *
 * CONTRACT-ASSUMPTION (a): when the element count equals the request count, elements align by
 * index. Otherwise each readable element with a vehicle is matched to the first still-unmatched
 * request whose normalised key it answers to; requests left over are `not_found`. If the
 * response held unreadable elements, left-over requests are `error` instead, because one of
 * those elements may have been their answer.
 *
 * @param requestKeys the normalised identifiers as sent, in request order (duplicates allowed).
 * @throws ResponseFormatError when the body as a whole cannot be read.
 */
export function readBulkEnvelope(body: unknown, requestKeys: readonly string[], keysOf: ElementKeys): ElementOutcome[] {
  const envelope = openEnvelope(body, 'Bulk');
  const read = envelope.elements.map((raw, index) => readElement(raw, index, 'Bulk response'));

  if (read.length === requestKeys.length) {
    return read.map((r) => (r.ok ? classifyElement(r.element) : { status: 'error', responskoder: [], error: r.error }));
  }

  const outcomes: (ElementOutcome | undefined)[] = requestKeys.map(() => undefined);
  for (const r of read) {
    if (!r.ok || r.element.kjoretoy === undefined || r.element.kjoretoy === null) continue;
    const keys = keysOf(r.element);
    const index = requestKeys.findIndex((key, i) => outcomes[i] === undefined && keys.includes(key));
    if (index >= 0) outcomes[index] = classifyElement(r.element);
  }
  const unreadable = read.filter((r) => !r.ok).length;
  return outcomes.map(
    (outcome) =>
      outcome ??
      (unreadable > 0
        ? {
            status: 'error',
            responskoder: envelope.responskoder,
            error: new ResponseFormatError(
              `Bulk response held ${read.length} elements for ${requestKeys.length} items, ${unreadable} unreadable; this item could not be matched`,
            ),
          }
        : { status: 'not_found', responskoder: envelope.responskoder }),
  );
}

export interface VinEnvelope {
  status: 'found' | 'not_found' | 'unavailable';
  kjoretoy: Kjoretoy[];
  /** Every element's codes followed by any top-level codes. */
  responskoder: Responskode[];
}

/**
 * CONTRACT-ASSUMPTION (d): B3 answers with the (a) envelope holding 0..n vehicles, since a VIN is
 * not unique. Empty, 204 or only elements without `kjoretoy` → not found; unavailable when every
 * element carries `UNAVAILABLE_RESPONSKODE`.
 *
 * @throws ResponseFormatError when the body or any element cannot be read (a single-item call
 * has no neighbours to protect, and silently dropping a vehicle would hide data).
 */
export function readVinEnvelope(body: unknown): VinEnvelope {
  const envelope = openEnvelope(body, 'VIN');
  const elements = envelope.elements.map((raw, index) => {
    const r = readElement(raw, index, 'VIN response');
    if (!r.ok) throw r.error;
    return r.element;
  });
  const outcomes = elements.map(classifyElement);
  const kjoretoy = outcomes.flatMap((o) => (o.kjoretoy === undefined ? [] : [o.kjoretoy]));
  const responskoder = [...outcomes.flatMap((o) => o.responskoder), ...envelope.responskoder];
  if (kjoretoy.length > 0) return { status: 'found', kjoretoy, responskoder };
  const allUnavailable = outcomes.length > 0 && outcomes.every((o) => o.status === 'unavailable');
  return { status: allUnavailable ? 'unavailable' : 'not_found', kjoretoy, responskoder };
}

/**
 * S1–S6 page. A 204 reads as an empty page. docs/contract.md#s5.1: real bodies use `kjoretoyresponser`;
 * the spec's writeOnly alias `kjoretoy` is accepted as a fallback. Missing lists become `[]`.
 */
export function readSokPage(body: unknown): KjoretoysokResponse {
  if (body === undefined || body === null || body === '') {
    return { antallITreffliste: 0, antallTreffTotalt: 0, kjoretoyresponser: [], responskoder: [] };
  }
  if (!isRecord(body)) {
    throw new ResponseFormatError('Search response is not an object', {
      details: { type: Array.isArray(body) ? 'array' : typeof body },
    });
  }
  const source: Record<string, unknown> = { ...body };
  if (source['kjoretoyresponser'] === undefined || source['kjoretoyresponser'] === null) {
    source['kjoretoyresponser'] = Array.isArray(source['kjoretoy']) ? source['kjoretoy'] : [];
  }
  if (Array.isArray(source['kjoretoyresponser'])) {
    source['kjoretoyresponser'] = source['kjoretoyresponser'].map(withoutNullEnvelopeFields);
  }
  if (source['responskoder'] === null) delete source['responskoder'];
  const parsed = KjoretoysokResponseSchema.safeParse(source);
  if (!parsed.success) {
    throw new ResponseFormatError('Search response does not match KjoretoysokResponse', {
      details: issueDetails(parsed.error.issues),
    });
  }
  const kjoretoyresponser = parsed.data.kjoretoyresponser ?? [];
  return {
    ...parsed.data,
    antallITreffliste: parsed.data.antallITreffliste ?? kjoretoyresponser.length,
    kjoretoyresponser,
    responskoder: parsed.data.responskoder ?? [],
  };
}

/** S7. A 204 ("Ingen kunder funnet") reads as an empty list; `treffListe` is the spec's writeOnly alias of `kunder`. */
export function readKundeSok(body: unknown): KundeSokResponse {
  if (body === undefined || body === null || body === '') {
    return { antallITreffliste: 0, antallTreffTotalt: 0, kunder: [], responskoder: [] };
  }
  if (!isRecord(body)) {
    throw new ResponseFormatError('Customer search response is not an object', {
      details: { type: Array.isArray(body) ? 'array' : typeof body },
    });
  }
  const source: Record<string, unknown> = { ...body };
  if ((source['kunder'] === undefined || source['kunder'] === null) && Array.isArray(source['treffListe'])) {
    source['kunder'] = source['treffListe'];
  }
  for (const key of ['kunder', 'responskoder']) {
    if (source[key] === undefined || source[key] === null) source[key] = [];
  }
  const parsed = KundeSokResponseSchema.safeParse(source);
  if (!parsed.success) {
    throw new ResponseFormatError('Customer search response does not match KundeSokResponse', {
      details: issueDetails(parsed.error.issues),
    });
  }
  return parsed.data;
}
