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

  let requestId: string | undefined;
  let read: ReturnType<typeof readVinEnvelope>;
  try {
    const result = await ctx.requester.call({
      method: 'GET',
      route: VIN_ROUTE,
      path: `/bulk/understellsnummer/${encodeURIComponent(understellsnummer)}`,
      // CONTRACT-ASSUMPTION (d): `dtg` as a query parameter; the pipeline encodes `+` as `%2B`.
      query: { [VIN_DTG_QUERY_PARAM]: dtg },
      signal: options.signal,
      retryable: true,
    });
    requestId = result.requestId;
    read = readVinEnvelope(result.body);
  } catch (caught) {
    const error = withRequestId(
      isKjoretoyregisterError(caught) ? caught : new UpstreamError('VIN lookup failed unexpectedly', { cause: caught }),
      requestId,
    );
    await ctx.audit.emit(auditContext, {
      operation,
      identifiers: [understellsnummer],
      ...(dtg === undefined ? {} : { dtg: [dtg] }),
      outcome: { ...NO_OUTCOME, error: 1 },
      dataCategories: [],
      requestIds: error.requestId === undefined ? [] : [error.requestId],
      ...failureFields(error),
    });
    throw error;
  }

  await ctx.audit.emit(auditContext, {
    operation,
    identifiers: [understellsnummer],
    ...(dtg === undefined ? {} : { dtg: [dtg] }),
    outcome: {
      ...NO_OUTCOME,
      found: read.status === 'found' ? 1 : 0,
      notFound: read.status === 'not_found' ? 1 : 0,
      unavailable: read.status === 'unavailable' ? 1 : 0,
    },
    dataCategories: dataCategoriesOfKjoretoy(read.kjoretoy),
    requestIds: [requestId],
  });
  ctx.logger.info('VIN lookup finished', { route: VIN_ROUTE, status: read.status, vehicles: read.kjoretoy.length });
  return { input: vin, ...read, requestId };
}
