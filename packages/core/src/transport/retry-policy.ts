import { runWithRetries, type Sleep } from './resilience.js';
import {
  FiksAuthenticationError,
  MaskinportenError,
  RateLimitError,
  ResponseFormatError,
  TransportError,
  UpstreamError,
} from '../errors.js';

/**
 * The one table of what is retried (docs/contract.md#s9.9): network errors, 429 within the Retry-After
 * ceiling, 502, 503, 504, a 2xx body that is not JSON (cut or garbled on the way), and the second
 * token rejection of a call (after the immediate refresh-once; the pipeline marks it, the third is
 * final). Never any other 4xx; 422 (quota) never. 500 is not retried: it is usually a
 * deterministic failure, and retrying burns quota. A 2xx body that parses but has the wrong shape
 * is not retried either: that is a contract change, not an accident.
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
  // The pipeline marks only a non-JSON 2xx body (pipeline.ts), never a wrong shape.
  if (error instanceof ResponseFormatError) return error.retryable;
  // The pipeline marks only the second consecutive token rejection of a call.
  if (error instanceof FiksAuthenticationError) return error.kind === 'token' && error.retryable;
  // Maskinporten 5xx while fetching the token for this attempt.
  if (error instanceof MaskinportenError) return error.retryable;
  return false;
}

/**
 * Exponential backoff with "full jitter in [½, 1]" (as stripe-node), doubled per attempt and
 * capped; a server's Retry-After wins when it asks for longer.
 */
export function retryDelayMs(attempt: number, error: unknown, settings: RetrySettings): number {
  const random = settings.random ?? Math.random;
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.5 + random() / 2);
  const retryAfterMs =
    error instanceof RateLimitError || error instanceof UpstreamError ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) return Math.min(Math.max(jittered, retryAfterMs), settings.retryAfterCeilingMs);
  return Math.round(jittered);
}

/**
 * Runs `attempt` under the table above (resilience.ts's loop); `retryable: false` calls get one
 * attempt. Waits go through `sleep`, so an aborted `signal` also ends a wait.
 */
export function runWithRetryPolicy<T>(
  attempt: () => Promise<T>,
  settings: RetrySettings,
  call: { retryable: boolean; signal?: AbortSignal; sleep: Sleep },
): Promise<T> {
  return runWithRetries(attempt, {
    maxAttempts: call.retryable ? settings.maxAttempts : 1,
    shouldRetry: (error) => isRetryableFailure(error, settings),
    delayMs: (retry, error) => retryDelayMs(retry, error, settings),
    sleep: call.sleep,
    signal: call.signal,
  });
}
