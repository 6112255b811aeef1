/**
 * What a bulk lookup (B1/B2) says about each input, as a union on `status`: narrowing on `status`
 * gives exactly the fields that status carries, so callers need no casts. Every member has the
 * caller's `input` and, when the input was sent, the `requestId` of the request that answered it.
 */

import type { AnyKjoretoyregisterError, ValidationError } from '../errors.js';
import type { Kjoretoy, Responskode } from '../schemas/index.js';
import type { BulkInput } from './bulk-input.js';

interface OutcomeBase<I> {
  /** Exactly what the caller passed at this position. */
  input: I;
  /** The request that answered this input; absent for inputs never sent. */
  requestId?: string;
}

/** The register knows the vehicle. */
export interface FoundOutcome<I = BulkInput> extends OutcomeBase<I> {
  status: 'found';
  kjoretoy: Kjoretoy;
  /** The element's codes, kept for diagnostics (docs/contract.md#s5.1). */
  responskoder: Responskode[];
  error?: undefined;
}

interface NoVehicle<I> extends OutcomeBase<I> {
  kjoretoy?: undefined;
  /** The element's codes, or the envelope's top-level codes when no element answered this input. */
  responskoder: Responskode[];
  error?: undefined;
}

/** The register has no such vehicle. */
export interface NotFoundOutcome<I = BulkInput> extends NoVehicle<I> {
  status: 'not_found';
}

/** SVV could not answer for this vehicle now (CONTRACT-ASSUMPTION (a): `UNAVAILABLE_RESPONSKODE`). */
export interface UnavailableOutcome<I = BulkInput> extends NoVehicle<I> {
  status: 'unavailable';
}

/** The input itself is wrong; it was never sent. */
export interface InvalidOutcome<I = BulkInput> extends OutcomeBase<I> {
  status: 'invalid';
  kjoretoy?: undefined;
  responskoder?: undefined;
  error: ValidationError;
}

/** The input was sent but no answer for it could be had: the chunk failed, or its element was unreadable. */
export interface FailedOutcome<I = BulkInput> extends OutcomeBase<I> {
  status: 'error';
  kjoretoy?: undefined;
  /** Set when the response was read but this input's element was not (envelope codes, or `[]`). */
  responskoder?: Responskode[];
  error: AnyKjoretoyregisterError;
}

export type LookupOutcome<I = BulkInput> =
  | FoundOutcome<I>
  | NotFoundOutcome<I>
  | UnavailableOutcome<I>
  | InvalidOutcome<I>
  | FailedOutcome<I>;

export type LookupStatus = LookupOutcome['status'];
