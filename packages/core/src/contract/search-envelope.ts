/** S1–S7 responses (docs/contract.md#s4.3 to docs/contract.md#s4.5): one page of hits, or the customer list. */

import { ResponseFormatError } from '../errors.js';
import { isKjoretoysokResponse, isKundeSokResponse } from '../schemas/generated-checks.js';
import {
  KjoretoysokResponseSchema,
  KundeSokResponseSchema,
  type KjoretoyResponse,
  type KjoretoysokResponse,
  type Kunde,
  type KundeSokResponse,
  type Responskode,
} from '../schemas/index.js';
import { issueDetails, isRecord, withoutNullEnvelopeFields, type ZodIssueLike } from './envelope.js';

/** An S1–S6 page as read: the lists and the page count are always there (a 204 is an empty page). */
export interface SokPage extends KjoretoysokResponse {
  kjoretoyresponser: KjoretoyResponse[];
  responskoder: Responskode[];
  antallITreffliste: number;
}

/** An S7 answer as read: the lists are always there (a 204 is an empty list). */
export interface KundeSokResult extends KundeSokResponse {
  kunder: Kunde[];
  responskoder: Responskode[];
}

/**
 * S1–S6 page. A 204 reads as an empty page. docs/contract.md#s5.1: real bodies use `kjoretoyresponser`;
 * the spec's writeOnly alias `kjoretoy` is accepted as a fallback. Missing lists become `[]`.
 */
export function readSokPage(body: unknown): SokPage {
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
  // The generated guard decides without copying (the hits are the parsed JSON); zod only names the issues.
  const parsed = readWith(isKjoretoysokResponse, KjoretoysokResponseSchema, source);
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
export function readKundeSok(body: unknown): KundeSokResult {
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
  const parsed = readWith(isKundeSokResponse, KundeSokResponseSchema, source);
  if (!parsed.success) {
    throw new ResponseFormatError('Customer search response does not match KundeSokResponse', {
      details: issueDetails(parsed.error.issues),
    });
  }
  // Both lists were filled in above; the schema's types still say nullish.
  return { ...parsed.data, kunder: parsed.data.kunder ?? [], responskoder: parsed.data.responskoder ?? [] };
}

/** The guard's yes is the value itself; its no asks the zod schema (the schema of record) for the issues. */
function readWith<T>(
  guard: (value: unknown) => value is T,
  schema: {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ZodIssueLike[] } };
  },
  value: unknown,
): { success: true; data: T } | { success: false; error: { issues: ZodIssueLike[] } } {
  return guard(value) ? { success: true, data: value } : schema.safeParse(value);
}
