import { DelegateBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { MaskinportenError, RateLimitError, TransportError, UpstreamError } from '../errors.js';

/**
 * The one table of what is retried (docs/contract.md#s9.9): network errors, 429 within the Retry-After
 * ceiling, 502, 503, 504. Never any other 4xx; 422 (quota) never. 500 is not retried: it is
 * usually a deterministic failure, and retrying burns quota.
 */
export const RETRYABLE_STATUSES: readonly number[] = [429, 502, 503, 504];

export interface RetrySettings {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 whose Retry-After exceeds this is not retried. */
  retryAfterCeilingMs: number;
  /** Jitter source in [0, 1); injectable for tests. */
  random?: () => number;
}

/** Whether one failed attempt may be tried again, independent of attempt counts. */
export function isRetryableFailure(error: unknown, settings: RetrySettings): boolean {
  if (error instanceof TransportError) return error.failure !== 'aborted';
  if (error instanceof RateLimitError) {
    return error.retryAfterMs === undefined || error.retryAfterMs <= settings.retryAfterCeilingMs;
  }
  if (error instanceof UpstreamError) return error.status !== undefined && RETRYABLE_STATUSES.includes(error.status);
  // Maskinporten 5xx while fetching the token for this attempt.
  if (error instanceof MaskinportenError) return error.retryable;
  return false;
}

/**
 * Exponential backoff with "full jitter in [½, 1]" (as stripe-node), doubled per attempt and
 * capped; a server's Retry-After wins when it asks for longer.
 */
function retryDelayMs(attempt: number, error: unknown, settings: RetrySettings): number {
  const random = settings.random ?? Math.random;
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.5 + random() / 2);
  const retryAfterMs =
    error instanceof RateLimitError || error instanceof UpstreamError ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) return Math.min(Math.max(jittered, retryAfterMs), settings.retryAfterCeilingMs);
  return Math.round(jittered);
}

/** A cockatiel retry policy over the table above. `retryable: false` calls get one attempt. */
export function createRetryPolicy(settings: RetrySettings, retryable: boolean): RetryPolicy {
  return retry(
    handleWhen((error) => retryable && isRetryableFailure(error, settings)),
    {
      maxAttempts: Math.max(0, settings.maxAttempts - 1),
      backoff: new DelegateBackoff((context) => {
        const error = 'error' in context.result ? context.result.error : undefined;
        return retryDelayMs(context.attempt, error, settings);
      }),
    },
  );
}
