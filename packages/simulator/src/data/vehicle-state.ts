/**
 * DTG projection (docs/contract.md#s4.7): which plates, ownership and registration were in force at an
 * instant. `at` undefined means "now", i.e. the spans still open. Everything else about a
 * vehicle (technical data, person names and addresses, periodic inspection) is current whatever
 * the DTG, and is not handled here.
 */
import type { OwnershipSpan, PlateSpan, RegistrationSpan, Span, VehicleRecord } from './records.js';

function contains(span: Span, at: number): boolean {
  return span.fom <= at && (span.til === undefined || at < span.til);
}

/** The span in force at `at`, or the open span when `at` is undefined. */
function spanAt<T extends Span>(spans: readonly T[], at: number | undefined): T | undefined {
  if (at === undefined) return spans.find((span) => span.til === undefined);
  return spans.find((span) => contains(span, at));
}

/** The first instant the register knows the vehicle. */
function firstKnown(record: VehicleRecord): number {
  let first = record.forstegangsregistrert;
  for (const plate of record.plates) first = Math.min(first, plate.fom);
  for (const registration of record.registrations) first = Math.min(first, registration.fom);
  return first;
}

/** A DTG before the vehicle's first registration finds nothing. */
export function existsAt(record: VehicleRecord, at: number | undefined): boolean {
  return at === undefined || at >= firstKnown(record);
}

export function platesAt(record: VehicleRecord, at: number | undefined): PlateSpan[] {
  return record.plates.filter((plate) => (at === undefined ? plate.til === undefined : contains(plate, at)));
}

export function carriesPlateAt(record: VehicleRecord, kjennemerke: string, at: number | undefined): boolean {
  return record.plates.some(
    (plate) => plate.kjennemerke === kjennemerke && (at === undefined ? plate.til === undefined : contains(plate, at)),
  );
}

export function ownershipAt(record: VehicleRecord, at: number | undefined): OwnershipSpan | undefined {
  return spanAt(record.ownerships, at);
}

export function registrationAt(record: VehicleRecord, at: number | undefined): RegistrationSpan | undefined {
  return spanAt(record.registrations, at);
}

/**
 * When the vehicle was first registered on the owner in force, if it has been since the last
 * change of ownership (`Registrering.registrertForstegangPaEierskap`).
 */
export function registeredOnOwnerSince(
  record: VehicleRecord,
  owner: OwnershipSpan,
  at: number | undefined,
): number | undefined {
  const horizon = at ?? Number.POSITIVE_INFINITY;
  const span = record.registrations.find(
    (registration) =>
      registration.status === 'REGISTRERT' && registration.fom >= owner.fom && registration.fom <= horizon,
  );
  return span?.fom;
}
