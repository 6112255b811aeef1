/**
 * The audit side of every operation. The emitter checks the caller's context before anything is
 * sent; writes each register request's intent ahead of it (and refuses the request when that
 * fails) and its completion after; and delivers the per-operation event. Only the intent may stop
 * a lookup: a failing completion or event write is logged and never breaks the lookup it records.
 */

import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import { AuditContextRequiredError, AuditWriteError } from '../errors.js';
import type {
  AuditCasePart,
  AuditCaseResult,
  AuditCompletion,
  AuditContext,
  AuditEvent,
  AuditIntent,
  AuditOperation,
  AuditSink,
} from '../observability/audit.js';
import type { Logger } from '../observability/logger.js';
import { failureFields } from './audit-summary.js';

/** The part of an event the operation knows; the emitter adds time, org and who/why. */
export type AuditEventDraft = Omit<
  AuditEvent,
  'timestamp' | 'fiksOrgId' | 'actor' | 'purpose' | 'legalBasis' | 'caseRef' | 'auditIds'
> & { auditIds?: string[] };

/** What an operation knows about one request before it is sent; the emitter gives each case part its `auditId`. */
export type AuditIntentDraft = Pick<AuditIntent, 'operation' | 'identifiers' | 'query' | 'dtg'> & {
  cases?: Omit<AuditCasePart, 'auditId'>[];
};

/** What an operation knows about one request once it is settled; `cases` in the order of the intent's. */
export type AuditCompletionDraft = Pick<
  AuditCompletion,
  'outcome' | 'dataCategories' | 'errorId' | 'svvguid' | 'errorCode'
> & { cases?: Omit<AuditCaseResult, 'auditId' | 'caseRef'>[] };

/** One request's write-ahead record: the ids to send it with and to complete it by. */
export interface AuditTicket {
  auditId: string;
  requestId: string;
  operation: AuditOperation;
  /** The intent's case parts (ids and case refs), for the completion's. */
  cases?: Pick<AuditCasePart, 'auditId' | 'caseRef'>[];
}

export interface AuditEmitter {
  /**
   * Merges the call's context over the default one. Throws AuditContextRequiredError listing
   * each missing field when the context is required and actor, purpose or legalBasis is missing.
   */
  check(context?: Partial<AuditContext>): Partial<AuditContext>;
  /** Writes one event. Never rejects: a sink failure is logged as a warning without identifiers. */
  emit(context: Partial<AuditContext>, draft: AuditEventDraft): Promise<void>;
  /**
   * Writes a request's intent and resolves once the sink has it; the request may be sent only
   * after that, with the ticket's `requestId`. Without a `begin` on the sink it only makes the ids.
   *
   * @throws AuditWriteError when the sink's `begin` fails: the request must not be sent.
   */
  begin(context: Partial<AuditContext>, draft: AuditIntentDraft): Promise<AuditTicket>;
  /** Writes a request's completion. Never rejects: a sink failure is logged without identifiers. */
  complete(ticket: AuditTicket, draft: AuditCompletionDraft): Promise<void>;
}

export interface AuditEmitterOptions {
  sink?: AuditSink;
  requireAuditContext: boolean;
  defaultContext?: Partial<AuditContext>;
  fiksOrgId: string;
  logger: Logger;
  clock?: Clock;
}

const REQUIRED_FIELDS = ['actor', 'purpose', 'legalBasis'] as const;

function present(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function createAuditEmitter(options: AuditEmitterOptions): AuditEmitter {
  const clock = options.clock ?? systemClock;
  const { sink, logger } = options;

  const check = (context?: Partial<AuditContext>): Partial<AuditContext> => {
    const merged: Partial<AuditContext> = { ...options.defaultContext };
    for (const [key, value] of Object.entries(context ?? {}) as [keyof AuditContext, string | undefined][]) {
      if (value !== undefined) merged[key] = value;
    }
    if (options.requireAuditContext) {
      const missing = REQUIRED_FIELDS.filter((field) => !present(merged[field]));
      if (missing.length > 0) throw new AuditContextRequiredError([...missing]);
    }
    return merged;
  };

  const now = () => new Date(clock.now()).toISOString();
  const who = (context: Partial<AuditContext>) => ({
    ...(present(context.actor) ? { actor: context.actor } : {}),
    ...(present(context.purpose) ? { purpose: context.purpose } : {}),
    ...(present(context.legalBasis) ? { legalBasis: context.legalBasis } : {}),
    ...(present(context.caseRef) ? { caseRef: context.caseRef } : {}),
  });

  const emit = async (context: Partial<AuditContext>, draft: AuditEventDraft): Promise<void> => {
    if (!sink) return;
    const event: AuditEvent = {
      timestamp: now(),
      ...who(context),
      fiksOrgId: options.fiksOrgId,
      ...draft,
      auditIds: draft.auditIds ?? [],
    };
    try {
      await sink.write(event);
    } catch (error) {
      // The event holds identifiers; the warning carries only what identifies the failure.
      logger.warn('Audit sink failed to write an event', { operation: draft.operation, errorName: nameOf(error) });
    }
  };

  const begin = async (context: Partial<AuditContext>, draft: AuditIntentDraft): Promise<AuditTicket> => {
    const cases: AuditCasePart[] | undefined = draft.cases?.map((part) => ({ auditId: randomUUID(), ...part }));
    const ticket: AuditTicket = {
      auditId: randomUUID(),
      requestId: randomUUID(),
      operation: draft.operation,
      ...(cases ? { cases: cases.map(({ auditId, caseRef }) => ({ auditId, ...(caseRef ? { caseRef } : {}) })) } : {}),
    };
    if (!sink?.begin) return ticket;
    const intent: AuditIntent = {
      phase: 'intent',
      auditId: ticket.auditId,
      requestId: ticket.requestId,
      timestamp: now(),
      ...who(context),
      fiksOrgId: options.fiksOrgId,
      operation: draft.operation,
      identifiers: draft.identifiers,
      ...(draft.query === undefined ? {} : { query: draft.query }),
      ...(draft.dtg === undefined ? {} : { dtg: draft.dtg }),
      ...(cases ? { cases } : {}),
    };
    try {
      await sink.begin(intent);
    } catch (error) {
      // Identifiers stay out of the log line and out of the error (no cause: see AuditWriteError).
      logger.error('Audit sink failed to write the intent of a register request; the request was not sent', {
        operation: draft.operation,
        auditId: ticket.auditId,
        errorName: nameOf(error),
      });
      throw new AuditWriteError(nameOf(error));
    }
    return ticket;
  };

  const complete = async (ticket: AuditTicket, draft: AuditCompletionDraft): Promise<void> => {
    if (!sink?.complete) return;
    const { cases: caseResults, ...whole } = draft;
    const completion: AuditCompletion = {
      phase: 'completed',
      auditId: ticket.auditId,
      requestId: ticket.requestId,
      timestamp: now(),
      fiksOrgId: options.fiksOrgId,
      operation: ticket.operation,
      ...whole,
      ...(ticket.cases
        ? {
            // A request that failed as a whole has no per-case results: each part gets the request's.
            cases: ticket.cases.map((part, i) => ({ ...part, ...(caseResults?.[i] ?? whole) })),
          }
        : {}),
    };
    try {
      await sink.complete(completion);
    } catch (error) {
      logger.warn('Audit sink failed to write the completion of a register request', {
        operation: ticket.operation,
        auditId: ticket.auditId,
        errorName: nameOf(error),
      });
    }
  };

  return { check, emit, begin, complete };
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

const NO_OUTCOME = { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 0 };

/** The completion of a request that failed as a whole (thrown, aborted, unreadable). */
export function failedCompletion(error: unknown): AuditCompletionDraft {
  return { outcome: { ...NO_OUTCOME, error: 1 }, dataCategories: [], ...failureFields(error) };
}

/**
 * Write-ahead around one register request: the intent first (a failure throws `AuditWriteError`
 * and `send` never runs), then `send` with the ticket's request id, then the completion, on
 * success from `completed(value)` and on any failure (abort included) from the error. The ticket's
 * audit id is pushed onto `auditIds` once the intent is written, for the per-operation event.
 */
export async function auditedRequest<T>(
  audit: AuditEmitter,
  context: Partial<AuditContext>,
  draft: AuditIntentDraft,
  auditIds: string[],
  send: (requestId: string) => Promise<T>,
  completed: (value: T) => AuditCompletionDraft,
): Promise<T> {
  const ticket = await audit.begin(context, draft);
  auditIds.push(ticket.auditId);
  let value: T;
  try {
    value = await send(ticket.requestId);
  } catch (error) {
    await audit.complete(ticket, failedCompletion(error));
    throw error;
  }
  await audit.complete(ticket, completed(value));
  return value;
}
