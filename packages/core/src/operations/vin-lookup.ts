/**
 * B3 VIN lookup (docs/contract.md#s4.2, CONTRACT-ASSUMPTION (d)): a VIN may match several vehicles, so
 * the result is always a list.
 */

import { VIN_DTG_QUERY_PARAM } from '../contract/assumptions.js';
import { readVinEnvelope, type VinEnvelope } from '../contract/vin-envelope.js';
import { formatDtg, isValidUnderstellsnummer, normaliseUnderstellsnummer } from '../contract/normalise.js';
import { UpstreamError, ValidationError, isKjoretoyregisterError } from '../errors.js';
import { withRequestId } from '../with-request-id.js';
import { dataCategoriesOfKjoretoy, failureFields } from './audit-summary.js';
import { auditedRequest } from './audit-emitter.js';
import type { CallOptions, OperationContext } from './context.js';

/**
 * A union on `status`: `found` holds at least one vehicle (`kjoretoy[0]` is always there),
 * `not_found` and `unavailable` an empty list. `responskoder`: every element's codes, then the top-level ones.
 */
export type VinLookupResult = VinEnvelope & {
  /** Exactly what the caller passed. */
  input: string;
  requestId: string;
};

/** The route template logs and traces carry; the VIN itself never leaves the path (docs/contract.md#s9.12). */
export const VIN_ROUTE = '/bulk/understellsnummer/{understellsnummer}';

const NO_OUTCOME = { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 0 };

/**
 * @throws ValidationError for an empty VIN, one that is not 1–17 letters/digits, or an invalid `dtg`.
 * @throws AuditContextRequiredError before anything is sent, when the context is required but incomplete.
 * @throws KjoretoyregisterError from the pipeline (quota, auth, upstream, transport, response format).
 */
export async function lookupUnderstellsnummer(
  ctx: OperationContext,
  vin: string,
  options: CallOptions = {},
): Promise<VinLookupResult> {
  const auditContext = ctx.audit.check(options.audit);
  const operation = 'bulk/understellsnummer' as const;
  let understellsnummer: string;
  let dtg: string | undefined;
  try {
    if (typeof vin === 'string' && normaliseUnderstellsnummer(vin) === '') {
      throw new ValidationError('understellsnummer is empty', {
        issues: [{ path: 'understellsnummer', message: 'is empty' }],
      });
    }
    if (typeof vin !== 'string' || !isValidUnderstellsnummer(vin)) {
      throw new ValidationError('understellsnummer is not a valid VIN', {
        issues: [{ path: 'understellsnummer', message: 'must be 1–17 letters or digits' }],
      });
    }
    understellsnummer = normaliseUnderstellsnummer(vin);
    dtg = options.dtg === undefined ? undefined : formatDtg(options.dtg, 'dtg');
  } catch (error) {
    await ctx.audit.emit(auditContext, {
      operation,
      identifiers: [],
      outcome: { ...NO_OUTCOME, invalid: 1 },
      dataCategories: [],
      requestIds: [],
      ...failureFields(error),
    });
    throw error;
  }

  const auditIds: string[] = [];
  const dtgField = dtg === undefined ? {} : { dtg: [dtg] };
  let looked: { read: ReturnType<typeof readVinEnvelope>; requestId: string };
  try {
    looked = await auditedRequest(
      ctx.audit,
      auditContext,
      { operation, identifiers: [understellsnummer], ...dtgField },
      auditIds,
      (requestId) => sendVinLookup(ctx, understellsnummer, dtg, requestId, options.signal),
      ({ read }) => ({ outcome: vinOutcome(read.status), dataCategories: dataCategoriesOfKjoretoy(read.kjoretoy) }),
    );
  } catch (caught) {
    const error = isKjoretoyregisterError(caught)
      ? caught
      : new UpstreamError('VIN lookup failed unexpectedly', { cause: caught });
    await ctx.audit.emit(auditContext, {
      operation,
      identifiers: [understellsnummer],
      ...dtgField,
      outcome: { ...NO_OUTCOME, error: 1 },
      dataCategories: [],
      requestIds: error.requestId === undefined ? [] : [error.requestId],
      auditIds,
      ...failureFields(error),
    });
    throw error;
  }

  const { read, requestId } = looked;
  await ctx.audit.emit(auditContext, {
    operation,
    identifiers: [understellsnummer],
    ...dtgField,
    outcome: vinOutcome(read.status),
    dataCategories: dataCategoriesOfKjoretoy(read.kjoretoy),
    requestIds: [requestId],
    auditIds,
  });
  ctx.logger.info('VIN lookup finished', { route: VIN_ROUTE, status: read.status, vehicles: read.kjoretoy.length });
  return { input: vin, ...read, requestId };
}

function vinOutcome(status: VinEnvelope['status']): typeof NO_OUTCOME {
  return {
    ...NO_OUTCOME,
    found: status === 'found' ? 1 : 0,
    notFound: status === 'not_found' ? 1 : 0,
    unavailable: status === 'unavailable' ? 1 : 0,
  };
}

/** The GET and its reading; every failure leaves as a core error carrying this request's id. */
async function sendVinLookup(
  ctx: OperationContext,
  understellsnummer: string,
  dtg: string | undefined,
  requestId: string,
  signal: AbortSignal | undefined,
): Promise<{ read: ReturnType<typeof readVinEnvelope>; requestId: string }> {
  try {
    const result = await ctx.requester.call({
      method: 'GET',
      route: VIN_ROUTE,
      path: `/bulk/understellsnummer/${encodeURIComponent(understellsnummer)}`,
      // CONTRACT-ASSUMPTION (d): `dtg` as a query parameter; the pipeline encodes `+` as `%2B`.
      query: { [VIN_DTG_QUERY_PARAM]: dtg },
      signal,
      retryable: true,
      requestId,
    });
    try {
      return { read: readVinEnvelope(result.body), requestId: result.requestId };
    } catch (caught) {
      throw isKjoretoyregisterError(caught) ? withRequestId(caught, result.requestId) : caught;
    }
  } catch (caught) {
    if (isKjoretoyregisterError(caught)) throw caught;
    throw new UpstreamError('VIN lookup failed unexpectedly', { cause: caught });
  }
}
