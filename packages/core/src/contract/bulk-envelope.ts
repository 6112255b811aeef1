/**
 * B1/B2 responses (docs/contract.md#s4.2): one outcome per request item, correlated to the items even
 * when the service answers with fewer or more elements than were asked for.
 */

import { ResponseFormatError } from '../errors.js';
import type { KjoretoyResponse, Responskode } from '../schemas/index.js';
import { classifyElement, openEnvelope, readElement, readPath, type ClassifiedElement } from './envelope.js';
import { normaliseKjennemerke, normaliseKuid } from './normalise.js';

/** One request item's answer; only `found` carries a vehicle, only `error` an error. */
export type ElementOutcome =
  | (ClassifiedElement & { error?: undefined })
  /** This element could not be read. `responskoder`: for an input with no element, the envelope's top-level codes. */
  | { status: 'error'; kjoretoy?: undefined; responskoder: Responskode[]; error: ResponseFormatError };

/** Returns the normalised keys a response element answers to, for length-mismatch correlation. */
type ElementKeys = (element: KjoretoyResponse) => readonly string[];

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
    (outcome): ElementOutcome =>
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
