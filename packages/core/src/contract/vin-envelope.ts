/** B3 responses (docs/contract.md#s4.2, CONTRACT-ASSUMPTION (d)): 0..n vehicles for one VIN. */

import type { Kjoretoy, Responskode } from '../schemas/index.js';
import { classifyElement, openEnvelope, readElement } from './envelope.js';

/** `found` holds at least one vehicle; `not_found` and `unavailable` hold none. */
export type VinEnvelope =
  | { status: 'found'; kjoretoy: [Kjoretoy, ...Kjoretoy[]]; responskoder: Responskode[] }
  | { status: 'not_found'; kjoretoy: []; responskoder: Responskode[] }
  | { status: 'unavailable'; kjoretoy: []; responskoder: Responskode[] };

function isNonEmpty<T>(values: T[]): values is [T, ...T[]] {
  return values.length > 0;
}

/**
 * CONTRACT-ASSUMPTION (d): B3 answers with the (a) envelope holding 0..n vehicles, since a VIN is
 * not unique. Empty, 204 or only elements without `kjoretoy` → not found; unavailable when every
 * element carries `UNAVAILABLE_RESPONSKODE`. `responskoder`: every element's codes followed by any
 * top-level codes.
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
  if (isNonEmpty(kjoretoy)) return { status: 'found', kjoretoy, responskoder };
  const allUnavailable = outcomes.length > 0 && outcomes.every((o) => o.status === 'unavailable');
  return allUnavailable
    ? { status: 'unavailable', kjoretoy: [], responskoder }
    : { status: 'not_found', kjoretoy: [], responskoder };
}
