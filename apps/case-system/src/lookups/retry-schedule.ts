import { AuditWriteError, QuotaExceededError, RateLimitError, isKjoretoyregisterError } from '@kjoretoyregister/core';

export interface RetrySettings {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  quotaWaitCapMs?: number;
}

type FailureDecision =
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'wait-for-quota'; delayMs: number; reason: string }
  | { kind: 'not-sent'; delayMs: number; reason: string }
  | { kind: 'permanent'; reason: string };

/**
 * Exponential backoff with jitter in [½, 1] of the step (as stripe-node), so instances that
 * failed together do not retry together.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * What to do after a failed lookup. Core's `retryable` flag decides (5xx, network, rate limit);
 * a spent quota waits for `Retry-After` and never uses up attempts; the rest is permanent.
 * Errors that are not core's (a database hiccup) are retried. An intent that could not be
 * audited (`AuditWriteError`, which core marks not retryable: the call cannot succeed as it is)
 * means nothing was sent, so the job waits with backoff without using up an attempt: it runs
 * again once the audit table takes writes, and never ends as FEILET for it.
 */
export function decideAfterFailure(
  error: unknown,
  attempts: number,
  settings: RetrySettings,
  random?: () => number,
): FailureDecision {
  const reason = describeFailure(error);
  if (error instanceof QuotaExceededError) {
    const wait = error.retryAfterMs ?? settings.backoffMaxMs;
    return { kind: 'wait-for-quota', delayMs: Math.max(0, Math.min(wait, settings.quotaWaitCapMs ?? wait)), reason };
  }
  if (error instanceof AuditWriteError) {
    return {
      kind: 'not-sent',
      delayMs: backoffMs(attempts, settings.backoffBaseMs, settings.backoffMaxMs, random),
      reason,
    };
  }
  const retryable = isKjoretoyregisterError(error) ? error.retryable : true;
  if (!retryable) return { kind: 'permanent', reason };
  if (attempts >= settings.maxAttempts)
    return { kind: 'permanent', reason: `${reason} (gave up after ${attempts} attempts)` };
  let delayMs = backoffMs(attempts, settings.backoffBaseMs, settings.backoffMaxMs, random);
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined)
    delayMs = Math.max(delayMs, error.retryAfterMs);
  return { kind: 'retry', delayMs, reason };
}

/**
 * Safe to store and show: core's messages never hold identifiers, names or secrets; other errors
 * are reduced to their name, because a driver message may quote row values.
 */
export function describeFailure(error: unknown): string {
  if (isKjoretoyregisterError(error)) {
    const ids = [error.errorId && `errorId ${error.errorId}`, error.svvguid && `svvguid ${error.svvguid}`].filter(
      Boolean,
    );
    return `${error.code}: ${error.message}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
  }
  return error instanceof Error ? `${error.name} (internal error)` : 'internal error';
}
