/**
 * B1/B2 bulk lookup (docs/contract.md#s4.2): normalise → de-duplicate → chunk → bounded concurrency →
 * one outcome per input, in input order. A bad item or a failed chunk is an outcome, never a
 * throw that sinks its neighbours (docs/contract.md#s9.10); only misuse of the API throws.
 */

import { kjennemerkeKeys, kuidKeys, readBulkEnvelope, type ElementOutcome } from '../contract/envelope.js';
import { formatDtg } from '../contract/normalise.js';
import { KjoretoyregisterError, TransportError, UpstreamError, ValidationError } from '../errors.js';
import type { AuditEvent } from '../observability/audit.js';
import type { Kjoretoy, Responskode } from '../schemas/index.js';
import { dataCategoriesOfKjoretoy, failureFields, uniqueStrings } from './audit-summary.js';
import { chunk, planBulk, type BulkInput, type BulkKind, type PlannedRequest } from './bulk-input.js';
import type { CallOptions, OperationContext } from './context.js';
import { runWithConcurrency } from './limiter.js';

export type LookupStatus = 'found' | 'not_found' | 'unavailable' | 'invalid' | 'error';

export interface LookupOutcome<I = BulkInput> {
  /** Exactly what the caller passed at this position. */
  input: I;
  status: LookupStatus;
  kjoretoy?: Kjoretoy;
  /** The element's codes, kept for diagnostics whatever the status (docs/contract.md#s5.1). */
  responskoder?: Responskode[];
  /** Set for `invalid` (ValidationError) and `error`. */
  error?: KjoretoyregisterError;
  /** The request that answered this input; absent for inputs never sent. */
  requestId?: string;
}

const ROUTES: Record<BulkKind, string> = {
  kjennemerke: '/bulk/kjennemerke',
  kuid: '/bulk/kuid',
};

function asKjoretoyregisterError(error: unknown, signal: AbortSignal | undefined): KjoretoyregisterError {
  if (error instanceof KjoretoyregisterError) return error;
  if (signal?.aborted) return new TransportError('Bulk lookup was aborted', { failure: 'aborted', cause: error });
  return new UpstreamError('Bulk request failed unexpectedly', { cause: error });
}

function countOutcomes(outcomes: readonly LookupOutcome<unknown>[]): AuditEvent['outcome'] {
  const counts = { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 0 };
  for (const o of outcomes) {
    if (o.status === 'not_found') counts.notFound++;
    else counts[o.status]++;
  }
  return counts;
}

/**
 * Looks up plates (B1) or kuids (B2). Returns one outcome per input, aligned to `items`; an
 * object item must name the identifier of `kind` (`{ kuid }` in a plate lookup is invalid).
 *
 * @throws ValidationError when `items` is not an array, `kind` is unknown or `options.dtg` is invalid.
 * @throws AuditContextRequiredError before anything is sent, when the context is required but incomplete.
 */
export async function lookupBulk<I extends BulkInput>(
  ctx: OperationContext,
  kind: BulkKind,
  items: ReadonlyArray<I>,
  options: CallOptions = {},
): Promise<LookupOutcome<I>[]> {
  if (kind !== 'kjennemerke' && kind !== 'kuid') {
    throw new ValidationError('kind must be kjennemerke or kuid', {
      issues: [{ path: 'kind', message: 'must be kjennemerke or kuid' }],
    });
  }
  if (!Array.isArray(items)) {
    throw new ValidationError('items must be an array', { issues: [{ path: 'items', message: 'must be an array' }] });
  }
  const auditContext = ctx.audit.check(options.audit);
  const callDtg = options.dtg === undefined ? undefined : formatDtg(options.dtg, 'dtg');

  const plan = planBulk(kind, items, callDtg);
  const outcomes: (LookupOutcome<I> | undefined)[] = items.map(() => undefined);
  for (const { index, error } of plan.invalid) outcomes[index] = { input: items[index], status: 'invalid', error };

  const requestIds: string[] = [];
  let firstError: KjoretoyregisterError | undefined;
  const total = items.length;
  let done = plan.invalid.length;

  const settle = (request: PlannedRequest, outcome: Omit<LookupOutcome, 'input'>): void => {
    for (const index of request.inputIndexes) outcomes[index] = { input: items[index], ...outcome };
  };
  const reportProgress = (): void => {
    try {
      options.onProgress?.(done, total);
    } catch (error) {
      // A broken progress bar must not cost the caller the lookups already paid for.
      ctx.logger.warn('onProgress callback threw', { errorName: error instanceof Error ? error.name : typeof error });
    }
  };

  const runChunk = async (requests: PlannedRequest[]): Promise<void> => {
    let requestId: string | undefined;
    try {
      if (options.signal?.aborted) {
        throw new TransportError('Bulk lookup was aborted before this chunk was sent', { failure: 'aborted' });
      }
      const result = await ctx.requester.call({
        method: 'POST',
        route: ROUTES[kind],
        path: ROUTES[kind],
        // docs/contract.md#s4.2 / CONTRACT-ASSUMPTION (b): `[{ "<kind>": id, "dtg"?: … }]`, dtg omitted when absent.
        body: requests.map((r) => (r.dtg === undefined ? { [kind]: r.id } : { [kind]: r.id, dtg: r.dtg })),
        signal: options.signal,
        retryable: ctx.retryBulkPost,
      });
      requestId = result.requestId;
      requestIds.push(result.requestId);
      const elements: ElementOutcome[] = readBulkEnvelope(
        result.body,
        requests.map((r) => r.id),
        kind === 'kjennemerke' ? kjennemerkeKeys : kuidKeys,
      );
      elements.forEach((element, i) => {
        if (element.error) {
          element.error.requestId ??= result.requestId;
          firstError ??= element.error;
        }
        settle(requests[i], { ...element, requestId: result.requestId });
      });
    } catch (caught) {
      const error = asKjoretoyregisterError(caught, options.signal);
      error.requestId ??= requestId;
      if (error.requestId !== undefined && requestId === undefined) requestIds.push(error.requestId);
      firstError ??= error;
      for (const request of requests)
        settle(request, { status: 'error', error, ...(error.requestId ? { requestId: error.requestId } : {}) });
    }
    done += requests.reduce((sum, r) => sum + r.inputIndexes.length, 0);
    reportProgress();
  };

  const chunks = chunk(plan.requests, ctx.maxBulkSize);
  await runWithConcurrency(
    chunks.map((requests) => () => runChunk(requests)),
    ctx.concurrency,
  );
  if (chunks.length === 0) reportProgress();

  const settled = outcomes as LookupOutcome<I>[];
  const counts = countOutcomes(settled);
  ctx.logger.info('Bulk lookup finished', {
    route: ROUTES[kind],
    items: total,
    chunks: chunks.length,
    ...counts,
  });
  await ctx.audit.emit(auditContext, {
    operation: kind === 'kjennemerke' ? 'bulk/kjennemerke' : 'bulk/kuid',
    identifiers: uniqueStrings(plan.requests.map((r) => r.id)),
    ...(plan.requests.some((r) => r.dtg !== undefined) ? { dtg: uniqueStrings(plan.requests.map((r) => r.dtg)) } : {}),
    outcome: counts,
    dataCategories: dataCategoriesOfKjoretoy(
      plan.requests.flatMap((r) => {
        const kjoretoy = settled[r.inputIndexes[0]].kjoretoy;
        return kjoretoy === undefined ? [] : [kjoretoy];
      }),
    ),
    requestIds,
    ...failureFields(firstError),
  });
  return settled;
}
