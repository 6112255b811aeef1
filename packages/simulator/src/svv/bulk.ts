/**
 * B1 `POST bulk/kjennemerke` and B2 `POST bulk/kuid` (docs/contract.md#s4.2). The body is validated as a
 * whole first: one malformed item fails the request with a 400 naming every bad element by its
 * 0-based index, so a client never gets half an answer it cannot align.
 */
import { BULK_ITEM_DTG_KEY, BULK_ITEM_KEY, BULK_TOO_LARGE, BULK_TOO_LARGE_STATUS } from '../contract-assumptions.js';
import { normaliseKjennemerke } from '../data/identifiers.js';
import type { Responskode } from '../data/kjoretoy-types.js';
import type { LookupResult, Register } from '../data/register.js';
import { badRequest, kjoretoyResponse, ugyldig } from './envelope.js';
import { dtgValue } from './params.js';
import type { SvvOptions, SvvResult } from './types.js';

type BulkKind = keyof typeof BULK_ITEM_KEY;

interface BulkItem {
  id: string;
  at: number | undefined;
}

function parseItems(kind: BulkKind, body: string | undefined, maxBulkSize: number): BulkItem[] | SvvResult {
  let parsed: unknown;
  try {
    parsed = body === undefined || body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) return badRequest([ugyldig('Forespørselen må være en JSON-liste')]);
  // CONTRACT-ASSUMPTION (c): more items than the configured limit is a 400.
  if (parsed.length > maxBulkSize) return { ...badRequest([{ ...BULK_TOO_LARGE }]), status: BULK_TOO_LARGE_STATUS };
  const key = BULK_ITEM_KEY[kind];
  const errors: Responskode[] = [];
  const items: BulkItem[] = parsed.map((raw: unknown, index): BulkItem => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(ugyldig(`Element ${index}: må være et objekt`));
      return { id: '', at: undefined };
    }
    const item = raw as Record<string, unknown>;
    const id = item[key];
    if (typeof id !== 'string' || id.trim() === '')
      errors.push(ugyldig(`Element ${index}: ${key} mangler eller er ikke en tekst`));
    const at = dtgValue(item[BULK_ITEM_DTG_KEY], `Element ${index}: ${BULK_ITEM_DTG_KEY}`);
    if (!at.ok) errors.push(at.error);
    return { id: typeof id === 'string' ? id.trim() : '', at: at.ok ? at.value : undefined };
  });
  return errors.length > 0 ? badRequest(errors) : items;
}

export function handleBulk(
  register: Register,
  kind: BulkKind,
  body: string | undefined,
  options: SvvOptions,
): SvvResult {
  const items = parseItems(kind, body, options.maxBulkSize);
  if (!Array.isArray(items)) return items;
  // CONTRACT-ASSUMPTION (a): one KjoretoyResponse per item, in request order.
  const answers = items.map((item) => {
    const at = item.at === undefined ? undefined : new Date(item.at);
    const result: LookupResult =
      kind === 'kjennemerke'
        ? register.findByKjennemerke(normaliseKjennemerke(item.id), at)
        : register.findByKuid(item.id, at);
    return kjoretoyResponse(result);
  });
  return { status: 200, body: answers, itemsLookedUp: items.length };
}
