/**
 * Turns core results into output rows, applying `--fields` through core's projections: owner data
 * appears only with `--fields eier|full`, fødselsnummer only with `--include-fodselsnummer`.
 */

import {
  eierForVarsel,
  KjoretoyregisterError,
  stripFodselsnummer,
  tekniskSammendrag,
  ValidationError,
  type Kjoretoy,
  type KjoretoyResponse,
  type LookupOutcome,
  type PersonEnhet,
  type Responskode,
  type VinLookupResult,
} from '@kjoretoyregister/core';
import type { FieldSet } from '../global-options.js';

export interface ProjectionChoice {
  fields: FieldSet;
  includeFodselsnummer: boolean;
}

export interface ErrorJson {
  code: string;
  message: string;
  status?: number;
  errorId?: string;
  svvguid?: string;
  requestId?: string;
}

/** One line of output: `{ input?, status, kjoretoy?, responskoder?, error? }`. */
export interface OutputRow {
  input?: unknown;
  status: string;
  kjoretoy?: unknown;
  responskoder?: Responskode[];
  error?: ErrorJson;
}

export function project(kjoretoy: Kjoretoy, choice: ProjectionChoice): unknown {
  switch (choice.fields) {
    case 'eier':
      return eierForVarsel(kjoretoy, { includeFodselsnummer: choice.includeFodselsnummer });
    case 'full':
      return choice.includeFodselsnummer ? kjoretoy : stripFodselsnummer(kjoretoy);
    default:
      return tekniskSammendrag(kjoretoy);
  }
}

function errorJson(error: unknown): ErrorJson {
  if (error instanceof KjoretoyregisterError) {
    const message =
      error instanceof ValidationError && error.issues.length > 0
        ? error.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')
        : error.message;
    return {
      code: error.code,
      message,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.errorId ? { errorId: error.errorId } : {}),
      ...(error.svvguid ? { svvguid: error.svvguid } : {}),
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  return { code: 'ERROR', message: error instanceof Error ? error.message : String(error) };
}

function withCodes(responskoder: Responskode[] | undefined): Pick<OutputRow, 'responskoder'> {
  return responskoder && responskoder.length > 0 ? { responskoder } : {};
}

/** Bulk outcomes stay aligned with the inputs: one row per input, in input order. */
export function lookupRows(outcomes: readonly LookupOutcome<unknown>[], choice: ProjectionChoice): OutputRow[] {
  return outcomes.map((outcome) => ({
    input: outcome.input,
    status: outcome.status,
    ...(outcome.kjoretoy ? { kjoretoy: project(outcome.kjoretoy, choice) } : {}),
    ...withCodes(outcome.responskoder),
    ...(outcome.error ? { error: errorJson(outcome.error) } : {}),
  }));
}

/** A VIN may match several vehicles: one row per vehicle, or one row saying none was found. */
export function vinRows(result: VinLookupResult, choice: ProjectionChoice): OutputRow[] {
  if (result.kjoretoy.length === 0) {
    return [{ input: result.input, status: result.status, ...withCodes(result.responskoder) }];
  }
  return result.kjoretoy.map((kjoretoy) => ({
    input: result.input,
    status: result.status,
    kjoretoy: project(kjoretoy, choice),
    ...withCodes(result.responskoder),
  }));
}

export function searchRows(hits: readonly KjoretoyResponse[], choice: ProjectionChoice): OutputRow[] {
  return hits.map((hit) => ({
    status: hit.kjoretoy ? 'found' : 'not_found',
    ...(hit.kjoretoy ? { kjoretoy: project(hit.kjoretoy, choice) } : {}),
    ...withCodes(hit.responskoder ?? undefined),
  }));
}

export interface KundeRow {
  kunde: unknown;
  antallKjoretoy?: number;
}

/**
 * S7 hits are owners by nature. They go through the same owner projection as a vehicle's
 * `eier`, so shielded addresses and fødselsnummer are handled by one set of rules.
 */
export function kundeRows(
  kunder: ReadonlyArray<{ personEnhet?: PersonEnhet | null; antallKjoretoy?: number | null }>,
  choice: ProjectionChoice,
): KundeRow[] {
  return kunder.map((kunde) => {
    const view = kunde.personEnhet
      ? eierForVarsel({ eierskap: { eier: kunde.personEnhet } } as Kjoretoy, {
          includeFodselsnummer: choice.includeFodselsnummer,
        }).eier
      : undefined;
    return {
      kunde: view ?? {},
      ...(typeof kunde.antallKjoretoy === 'number' ? { antallKjoretoy: kunde.antallKjoretoy } : {}),
    };
  });
}

/** Counts per status, for the summary line on stderr. */
export function countStatuses(rows: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}
