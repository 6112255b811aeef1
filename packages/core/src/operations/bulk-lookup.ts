/**
 * B1/B2 bulk lookup (docs/contract.md#s4.2): normalise → de-duplicate → chunk → bounded concurrency →
 * one outcome per input, in input order. A bad item or a failed chunk is an outcome, never a
 * throw that sinks its neighbours (docs/contract.md#s9.10); only misuse of the API throws.
 */

import { kjennemerkeKeys, kuidKeys, readBulkEnvelope, type ElementOutcome } from '../contract/bulk-envelope.js';
import { formatDtg } from '../contract/normalise.js';
import {
  TransportError,
  UpstreamError,
  ValidationError,
  isKjoretoyregisterError,
  type AnyKjoretoyregisterError,
} from '../errors.js';
import type { AuditContext, AuditOperation, AuditOutcome } from '../observability/audit.js';
import { withRequestId } from '../with-request-id.js';
import { auditedRequest, type AuditCompletionDraft } from './audit-emitter.js';
import { dataCategoriesOfKjoretoy, failureFields, uniqueStrings } from './audit-summary.js';
import { chunk, planBulk, type BulkInput, type BulkKind, type BulkPlan, type PlannedRequest } from './bulk-input.js';
import type { CallOptions, OperationContext } from './context.js';
import { runWithConcurrency } from './limiter.js';
import type { LookupOutcome } from './lookup-outcome.js';

const ROUTES: Record<BulkKind, string> = {
  kjennemerke: '/bulk/kjennemerke',
  kuid: '/bulk/kuid',
};

const BULK_OPERATIONS = {
  kjennemerke: 'bulk/kjennemerke',
  kuid: 'bulk/kuid',
} as const satisfies Record<BulkKind, AuditOperation>;

/** An outcome before it is given its input: the same union, member by member, without `input`. */
type Settlement = LookupOutcome<unknown> extends infer O ? (O extends unknown ? Omit<O, 'input'> : never) : never;

/** What one bulk POST settled: one settlement per planned request, in request order. */
interface ChunkResult {
  settlements: Settlement[];
  /** The request id of this POST, when it got that far. */
  requestId?: string;
  /** The first failure in this chunk, for the audit event. */
  failure?: AnyKjoretoyregisterError;
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
  assertBulkArguments(kind, items);
  const auditContext = ctx.audit.check(options.audit);
  const callDtg = options.dtg === undefined ? undefined : formatDtg(options.dtg, 'dtg');
  const plan = planBulk(kind, items, callDtg);

  const run = new BulkRun(ctx, items, plan, options.onProgress);
  const chunks = chunk(plan.requests, ctx.maxBulkSize);
  const audit: ChunkAudit = {
    context: auditContext,
    auditIds: run.auditIds,
    ...(plan.caseRefs ? { caseRefs: plan.caseRefs } : {}),
  };
  await runWithConcurrency(
    chunks.map(
      (requests) => async () => run.settle(requests, await sendChunk(ctx, kind, requests, options.signal, audit)),
    ),
    ctx.concurrency,
  );
  if (chunks.length === 0) run.reportProgress();

  const outcomes = run.outcomes();
  await reportBulk(ctx, kind, plan, outcomes, run, auditContext, chunks.length);
  return outcomes;
}

/** Misuse of the API throws; everything about single items becomes an outcome. */
function assertBulkArguments(kind: BulkKind, items: unknown): void {
  if (kind !== 'kjennemerke' && kind !== 'kuid') {
    throw new ValidationError('kind must be kjennemerke or kuid', {
      issues: [{ path: 'kind', message: 'must be kjennemerke or kuid' }],
    });
  }
  if (!Array.isArray(items)) {
    throw new ValidationError('items must be an array', { issues: [{ path: 'items', message: 'must be an array' }] });
  }
}

/** The audit side every chunk of one call shares. */
interface ChunkAudit {
  context: Partial<AuditContext>;
  /** Filled as intents are written, for the per-operation event. */
  auditIds: string[];
  /** Each input's own case, when items named one: every request is then audited per case. */
  caseRefs?: (string | undefined)[];
}

/** The requests of one chunk that concern one case (by position in the chunk). */
interface CaseShare {
  caseRef?: string;
  positions: number[];
}

/**
 * Splits a chunk by case: an input's own `caseRef`, else the call's. A request asked for by two
 * cases (same identifier and dtg) belongs to both.
 */
function caseShares(
  requests: readonly PlannedRequest[],
  caseRefs: readonly (string | undefined)[],
  callCaseRef: string | undefined,
): CaseShare[] {
  const byCase = new Map<string | undefined, CaseShare>();
  requests.forEach((request, position) => {
    for (const caseRef of new Set(request.inputIndexes.map((index) => caseRefs[index] ?? callCaseRef))) {
      let share = byCase.get(caseRef);
      if (!share) byCase.set(caseRef, (share = { ...(caseRef === undefined ? {} : { caseRef }), positions: [] }));
      share.positions.push(position);
    }
  });
  return [...byCase.values()];
}

/**
 * One bulk POST for `requests`, written ahead to the audit sink (its own intent and completion);
 * a failure of the whole chunk, an intent that could not be written included, settles every
 * request in it as `error`.
 */
async function sendChunk(
  ctx: OperationContext,
  kind: BulkKind,
  requests: readonly PlannedRequest[],
  signal: AbortSignal | undefined,
  audit: ChunkAudit,
): Promise<ChunkResult> {
  if (signal?.aborted) {
    // Nothing is sent, so nothing is written ahead either.
    return failedChunk(
      requests,
      new TransportError('Bulk lookup was aborted before this chunk was sent', { failure: 'aborted' }),
    );
  }
  const dtg = uniqueStrings(requests.map((r) => r.dtg));
  const shares = audit.caseRefs ? caseShares(requests, audit.caseRefs, audit.context.caseRef) : undefined;
  try {
    return await auditedRequest(
      ctx.audit,
      audit.context,
      {
        operation: BULK_OPERATIONS[kind],
        identifiers: uniqueStrings(requests.map((r) => r.id)),
        ...(dtg.length > 0 ? { dtg } : {}),
        ...(shares
          ? {
              cases: shares.map((share) => {
                const shareDtg = uniqueStrings(share.positions.map((p) => requests[p]?.dtg));
                return {
                  ...(share.caseRef === undefined ? {} : { caseRef: share.caseRef }),
                  identifiers: uniqueStrings(share.positions.map((p) => requests[p]?.id)),
                  ...(shareDtg.length > 0 ? { dtg: shareDtg } : {}),
                };
              }),
            }
          : {}),
      },
      audit.auditIds,
      (requestId) => postChunk(ctx, kind, requests, signal, requestId),
      (result) => chunkCompletion(result, shares),
    );
  } catch (caught) {
    // postChunk settles its own failures; only the intent's AuditWriteError arrives here.
    return failedChunk(requests, asKjoretoyregisterError(caught, signal));
  }
}

/** The POST and its reading; never throws, a failure settles the whole chunk. */
async function postChunk(
  ctx: OperationContext,
  kind: BulkKind,
  requests: readonly PlannedRequest[],
  signal: AbortSignal | undefined,
  sentRequestId: string,
): Promise<ChunkResult> {
  let requestId: string | undefined;
  try {
    const result = await ctx.requester.call({
      method: 'POST',
      route: ROUTES[kind],
      path: ROUTES[kind],
      // docs/contract.md#s4.2 / CONTRACT-ASSUMPTION (b): `[{ "<kind>": id, "dtg"?: … }]`, dtg omitted when absent.
      body: requests.map((r) => (r.dtg === undefined ? { [kind]: r.id } : { [kind]: r.id, dtg: r.dtg })),
      signal,
      retryable: ctx.retryBulkPost,
      requestId: sentRequestId,
    });
    requestId = result.requestId;
    const elements = readBulkEnvelope(
      result.body,
      requests.map((r) => r.id),
      kind === 'kjennemerke' ? kjennemerkeKeys : kuidKeys,
    );
    const settlements = elements.map((element) => settleElement(element, result.requestId));
    const failure = settlements.find((s) => s.status === 'error')?.error;
    return { settlements, requestId, ...(failure === undefined ? {} : { failure }) };
  } catch (caught) {
    return failedChunk(requests, withRequestId(asKjoretoyregisterError(caught, signal), requestId));
  }
}

function failedChunk(requests: readonly PlannedRequest[], error: AnyKjoretoyregisterError): ChunkResult {
  const settlement: Settlement = {
    status: 'error',
    error,
    ...(error.requestId ? { requestId: error.requestId } : {}),
  };
  return {
    settlements: requests.map(() => settlement),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    failure: error,
  };
}

/** A chunk's completion: counted per identifier sent, with what the found vehicles disclosed; per case too when split. */
function chunkCompletion(result: ChunkResult, shares: readonly CaseShare[] | undefined): AuditCompletionDraft {
  return {
    ...settledFacts(result.settlements, result.failure),
    ...(shares
      ? {
          cases: shares.map((share) => {
            const settlements = share.positions.flatMap((p) => {
              const settlement = result.settlements[p];
              return settlement ? [settlement] : [];
            });
            const failure = settlements.find((s) => s.status === 'error')?.error;
            return settledFacts(settlements, failure);
          }),
        }
      : {}),
  };
}

function settledFacts(
  settlements: readonly Settlement[],
  failure: AnyKjoretoyregisterError | undefined,
): Omit<AuditCompletionDraft, 'cases'> {
  return {
    outcome: countOutcomes(settlements),
    dataCategories: dataCategoriesOfKjoretoy(settlements.flatMap((s) => (s.status === 'found' ? [s.kjoretoy] : []))),
    ...failureFields(failure),
  };
}

/** An unreadable element's error was created before the request id was known; it gets it here. */
function settleElement(element: ElementOutcome, requestId: string): Settlement {
  if (element.status === 'error') return { ...element, error: withRequestId(element.error, requestId), requestId };
  return { ...element, requestId };
}

function asKjoretoyregisterError(error: unknown, signal: AbortSignal | undefined): AnyKjoretoyregisterError {
  if (isKjoretoyregisterError(error)) return error;
  if (signal?.aborted) return new TransportError('Bulk lookup was aborted', { failure: 'aborted', cause: error });
  return new UpstreamError('Bulk request failed unexpectedly', { cause: error });
}

/** The state of one call across its chunks: outcomes by input position, request ids, progress. */
class BulkRun<I> {
  readonly requestIds: string[] = [];
  readonly auditIds: string[] = [];
  firstError: AnyKjoretoyregisterError | undefined;
  private readonly settled: (LookupOutcome<I> | undefined)[];
  private done: number;

  constructor(
    private readonly ctx: OperationContext,
    private readonly items: ReadonlyArray<I>,
    plan: BulkPlan,
    private readonly onProgress: CallOptions['onProgress'],
  ) {
    this.settled = items.map(() => undefined);
    for (const { index, error } of plan.invalid)
      this.settled[index] = { input: items[index], status: 'invalid', error };
    this.done = plan.invalid.length;
  }

  settle(requests: readonly PlannedRequest[], result: ChunkResult): void {
    if (result.requestId !== undefined) this.requestIds.push(result.requestId);
    this.firstError ??= result.failure;
    requests.forEach((request, i) => {
      for (const index of request.inputIndexes)
        this.settled[index] = { input: this.items[index], ...result.settlements[i] };
      this.done += request.inputIndexes.length;
    });
    this.reportProgress();
  }

  reportProgress(): void {
    try {
      this.onProgress?.(this.done, this.items.length);
    } catch (error) {
      // A broken progress bar must not cost the caller the lookups already paid for.
      this.ctx.logger.warn('onProgress callback threw', {
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  }

  /** Every position is settled once all chunks ran: planned inputs by their chunk, the rest as invalid. */
  outcomes(): LookupOutcome<I>[] {
    return this.settled.map((outcome, index) => {
      if (outcome === undefined) throw new Error(`bulk lookup left input ${index} without an outcome`);
      return outcome;
    });
  }
}

function countOutcomes(outcomes: readonly Pick<Settlement, 'status'>[]): AuditOutcome {
  const counts = { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 0 };
  for (const o of outcomes) {
    if (o.status === 'not_found') counts.notFound++;
    else counts[o.status]++;
  }
  return counts;
}

/** One log line and one audit event per call, however many chunks it took. */
async function reportBulk(
  ctx: OperationContext,
  kind: BulkKind,
  plan: BulkPlan,
  outcomes: readonly LookupOutcome<unknown>[],
  run: BulkRun<unknown>,
  auditContext: Partial<AuditContext>,
  chunkCount: number,
): Promise<void> {
  const counts = countOutcomes(outcomes);
  ctx.logger.info('Bulk lookup finished', {
    route: ROUTES[kind],
    items: outcomes.length,
    chunks: chunkCount,
    ...counts,
  });
  await ctx.audit.emit(auditContext, {
    operation: BULK_OPERATIONS[kind],
    identifiers: uniqueStrings(plan.requests.map((r) => r.id)),
    ...(plan.requests.some((r) => r.dtg !== undefined) ? { dtg: uniqueStrings(plan.requests.map((r) => r.dtg)) } : {}),
    outcome: counts,
    dataCategories: dataCategoriesOfKjoretoy(
      plan.requests.flatMap((r) => {
        const outcome = outcomes[r.inputIndexes[0]];
        return outcome.status === 'found' ? [outcome.kjoretoy] : [];
      }),
    ),
    requestIds: run.requestIds,
    auditIds: run.auditIds,
    ...failureFields(run.firstError),
  });
}
