/**
 * Retries and the circuit breaker, written here instead of taken from a library (cockatiel before):
 * cockatiel schedules its own timers and reads `process.hrtime`, so it cannot run on a host that
 * owns time (n8n's scanner forbids both; edge runtimes may lack them). Here every wait goes through
 * the injected `Sleep` and every reading of the time through the injected `Clock`. What is retried,
 * and how long to wait, is retry-policy.ts's table; this file only runs it.
 */

import type { Clock } from '../clock.js';
import { untilAborted } from '../util/until-aborted.js';

/**
 * Waits `ms` milliseconds. Rejects (with the signal's reason) as soon as `signal` aborts, so an
 * impatient caller is not kept waiting for a backoff. The host supplies it: the Node entry uses
 * `node:timers/promises`, n8n its own scheduler.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryLoop {
  /** Total attempts including the first; 1 means no retries. */
  maxAttempts: number;
  /** Whether the failure of an attempt may be tried again. */
  shouldRetry: (error: unknown) => boolean;
  /** The wait before retry number `retry` (1 for the first retry) after `error`. */
  delayMs: (retry: number, error: unknown) => number;
  sleep: Sleep;
  /** Once aborted, no further attempt is started and a running wait ends. */
  signal?: AbortSignal;
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, the attempts are used up or the
 * signal aborts. The last failure is what the caller sees; an abort during a wait rejects with
 * what `sleep` rejects with (the signal's reason).
 */
export async function runWithRetries<T>(attempt: () => Promise<T>, loop: RetryLoop): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const mayRetry = retry + 1 < loop.maxAttempts && !loop.signal?.aborted && loop.shouldRetry(error);
      if (!mayRetry) throw error;
      await loop.sleep(loop.delayMs(retry + 1, error), loop.signal);
    }
  }
}

/** Thrown instead of calling through while the circuit is open; the pipeline maps it to `CircuitOpenError`. */
export class BrokenCircuitError extends Error {
  constructor() {
    super('the circuit is open');
    this.name = 'BrokenCircuitError';
  }
}

export interface CircuitBreakerOptions {
  /** This many consecutive counted failures open the circuit. */
  consecutiveFailures: number;
  /** After this long open, one trial call is let through (half-open). */
  halfOpenAfterMs: number;
  /** Which failures count; any other error passes through and leaves the count alone. */
  counts: (error: unknown) => boolean;
  clock: Clock;
}

type CircuitState =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; openedAt: number }
  | { kind: 'half-open'; trial: Promise<unknown> };

/**
 * The consecutive-failures breaker: closed until N counted failures in a row, then open for
 * `halfOpenAfterMs`, then half-open with one trial call. The trial's success (or an error that does
 * not count) closes the circuit; a counted failure opens it again for another period. Callers that
 * arrive during the trial wait for its outcome and then go through the state they find.
 */
export class CircuitBreaker {
  private state: CircuitState = { kind: 'closed', failures: 0 };

  constructor(private readonly options: CircuitBreakerOptions) {}

  /** `'closed'`, `'open'` or `'half-open'`, for diagnostics and tests. */
  get status(): CircuitState['kind'] {
    return this.state.kind;
  }

  async execute<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const state = this.state;
    switch (state.kind) {
      case 'closed':
        return this.runClosed(fn);
      case 'half-open':
        // The trial's own failure is its caller's to see; here only its outcome matters.
        await untilAborted(
          state.trial.then(
            () => undefined,
            () => undefined,
          ),
          signal,
        );
        return this.execute(fn, signal);
      case 'open': {
        if (this.options.clock.now() - state.openedAt < this.options.halfOpenAfterMs) throw new BrokenCircuitError();
        const trial = this.runTrial(fn);
        this.state = { kind: 'half-open', trial };
        return trial;
      }
    }
  }

  private async runClosed<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const value = await fn();
      if (this.state.kind === 'closed') this.state = { kind: 'closed', failures: 0 };
      return value;
    } catch (error) {
      if (this.options.counts(error) && this.state.kind === 'closed') {
        const failures = this.state.failures + 1;
        this.state =
          failures >= this.options.consecutiveFailures
            ? { kind: 'open', openedAt: this.options.clock.now() }
            : { kind: 'closed', failures };
      }
      throw error;
    }
  }

  private async runTrial<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const value = await fn();
      this.state = { kind: 'closed', failures: 0 };
      return value;
    } catch (error) {
      this.state = this.options.counts(error)
        ? { kind: 'open', openedAt: this.options.clock.now() }
        : { kind: 'closed', failures: 0 };
      throw error;
    }
  }
}
