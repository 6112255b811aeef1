/**
 * What an audit event says about a result: which categories of personal data left the register
 * (so the application can answer an innsyn request) and which ids support needs for a failure.
 */

import { readPath } from '../contract/envelope.js';
import { KjoretoyregisterError } from '../errors.js';
import type { AuditEvent, DataCategory } from '../observability/audit.js';
import type { Kjoretoy } from '../schemas/index.js';

/** docs/contract.md#s5.3: the PersonEnhet roles inside `eierskap`. */
const EIERSKAP_PARTIES = ['eier', 'medeier', 'leasingtaker', 'underenhet'] as const;
const CATEGORY_ORDER: readonly DataCategory[] = ['technical', 'owner', 'address', 'fodselsnummer'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Adds the categories a PersonEnhet discloses. */
function addPartyCategories(party: unknown, into: Set<DataCategory>): void {
  if (!isRecord(party)) return;
  into.add('owner');
  const adresse = party['adresse'];
  if (isRecord(adresse) && Object.keys(adresse).length > 0) into.add('address');
  if (nonEmptyString(readPath(party, ['person', 'fodselsnummer']))) into.add('fodselsnummer');
}

function ordered(categories: Set<DataCategory>): DataCategory[] {
  return CATEGORY_ORDER.filter((c) => categories.has(c));
}

export function dataCategoriesOfKjoretoy(kjoretoy: readonly Kjoretoy[]): DataCategory[] {
  const categories = new Set<DataCategory>();
  for (const vehicle of kjoretoy) {
    categories.add('technical');
    const eierskap = readPath(vehicle, ['eierskap']);
    for (const role of EIERSKAP_PARTIES) addPartyCategories(readPath(eierskap, [role]), categories);
    // Every category already seen: the other vehicles (up to 10 000 in one call) cannot add one.
    if (categories.size === CATEGORY_ORDER.length) break;
  }
  return ordered(categories);
}

/** S7 returns customers (`Kunde { personEnhet }`), not vehicles. */
export function dataCategoriesOfKunder(kunder: readonly unknown[]): DataCategory[] {
  const categories = new Set<DataCategory>();
  for (const kunde of kunder) addPartyCategories(readPath(kunde, ['personEnhet']), categories);
  return ordered(categories);
}

/** The support ids of the first failure, for the event. */
export function failureFields(error: unknown): Pick<AuditEvent, 'errorId' | 'svvguid' | 'errorCode'> {
  if (!(error instanceof KjoretoyregisterError)) return error === undefined ? {} : { errorCode: 'UNKNOWN' };
  return {
    errorCode: error.code,
    ...(error.errorId === undefined ? {} : { errorId: error.errorId }),
    ...(error.svvguid === undefined ? {} : { svvguid: error.svvguid }),
  };
}

export function uniqueStrings(values: Iterable<string | undefined>): string[] {
  const unique = new Set<string>();
  for (const value of values) if (value !== undefined && value !== '') unique.add(value);
  return [...unique];
}
