/**
 * One audit event per operation call. The emitter checks the caller's context before anything
 * is sent, and delivers the finished event to the application's sink without ever letting a
 * failing sink break the lookup it records.
 */

import { systemClock, type Clock } from '../clock.js';
import { AuditContextRequiredError } from '../errors.js';
import type { AuditContext, AuditEvent, AuditSink } from '../observability/audit.js';
import type { Logger } from '../observability/logger.js';

/** The part of an event the operation knows; the emitter adds time, org and who/why. */
export type AuditEventDraft = Omit<
  AuditEvent,
  'timestamp' | 'fiksOrgId' | 'actor' | 'purpose' | 'legalBasis' | 'caseRef'
>;

export interface AuditEmitter {
  /**
   * Merges the call's context over the default one. Throws AuditContextRequiredError listing
   * each missing field when the context is required and actor, purpose or legalBasis is missing.
   */
  check(context?: Partial<AuditContext>): Partial<AuditContext>;
  /** Writes one event. Never rejects: a sink failure is logged as a warning without identifiers. */
  emit(context: Partial<AuditContext>, draft: AuditEventDraft): Promise<void>;
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

  const emit = async (context: Partial<AuditContext>, draft: AuditEventDraft): Promise<void> => {
    if (!sink) return;
    const event: AuditEvent = {
      timestamp: new Date(clock.now()).toISOString(),
      ...(present(context.actor) ? { actor: context.actor } : {}),
      ...(present(context.purpose) ? { purpose: context.purpose } : {}),
      ...(present(context.legalBasis) ? { legalBasis: context.legalBasis } : {}),
      ...(present(context.caseRef) ? { caseRef: context.caseRef } : {}),
      fiksOrgId: options.fiksOrgId,
      ...draft,
    };
    try {
      await sink.write(event);
    } catch (error) {
      // The event holds identifiers; the warning carries only what identifies the failure.
      logger.warn('Audit sink failed to write an event', {
        operation: draft.operation,
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  };

  return { check, emit };
}
