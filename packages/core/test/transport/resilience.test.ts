import type { Clock } from '../../src/clock.js';
import { MaskinportenError, RateLimitError, TransportError, UpstreamError, ValidationError } from '../../src/errors.js';
import { BrokenCircuitError, CircuitBreaker, type Sleep } from '../../src/transport/resilience.js';
import { runWithRetryPolicy, type RetrySettings } from '../../src/transport/retry-policy.js';

/** Records every wait and returns at once: no timer runs in these tests. */
function recordingSleep(): Sleep & { waits: number[]; signals: Array<AbortSignal | undefined> } {
  const waits: number[] = [];
  const signals: Array<AbortSignal | undefined> = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    waits.push(ms);
    signals.push(signal);
  };
  return Object.assign(sleep, { waits, signals });
}

/** Fails with the given errors in turn, then succeeds with 'ok'. */
function failing(...errors: unknown[]): (() => Promise<string>) & { calls: number } {
  const fn = async () => {
    fn.calls += 1;
    const error = errors[fn.calls - 1];
    if (error !== undefined) throw error;
    return 'ok';
  };
  fn.calls = 0;
  return fn;
}

const settings: RetrySettings = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 350,
  retryAfterCeilingMs: 5_000,
  // Jitter at its top: the delay is the full exponential value.
  random: () => 0.999_999,
};

const upstream = (status: number, retryAfterMs?: number) =>
  new UpstreamError(`status ${status}`, { status, retryAfterMs });

describe('retries (retry-policy.ts over resilience.ts)', () => {
  it('waits through the injected sleep with doubling, capped delays and then succeeds', async () => {
    const sleep = recordingSleep();
    const attempt = failing(upstream(503), upstream(502), new TransportError('reset', { failure: 'network' }));
    await expect(runWithRetryPolicy(attempt, settings, { retryable: true, sleep })).resolves.toBe('ok');
    expect(attempt.calls).toBe(4);
    expect(sleep.waits).toEqual([100, 200, 350]);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    const sleep = recordingSleep();
    const last = upstream(504);
    const attempt = failing(upstream(503), upstream(503), upstream(503), last);
    await expect(runWithRetryPolicy(attempt, settings, { retryable: true, sleep })).rejects.toBe(last);
    expect(attempt.calls).toBe(4);
    expect(sleep.waits).toHaveLength(3);
  });

  it('spreads delays with jitter in [½, 1] of the exponential value', async () => {
    const sleep = recordingSleep();
    const attempt = failing(upstream(503), upstream(503));
    await runWithRetryPolicy(attempt, { ...settings, random: () => 0 }, { retryable: true, sleep });
    expect(sleep.waits).toEqual([50, 100]);
  });

  it('waits as long as Retry-After asks when that is longer, within the ceiling', async () => {
    const sleep = recordingSleep();
    const attempt = failing(new RateLimitError('slow down', { retryAfterMs: 2_000 }), upstream(503, 1_500));
    await runWithRetryPolicy(attempt, settings, { retryable: true, sleep });
    expect(sleep.waits).toEqual([2_000, 1_500]);
  });

  it('does not retry a 429 whose Retry-After exceeds the ceiling', async () => {
    const sleep = recordingSleep();
    const tooLong = new RateLimitError('come back tomorrow', { retryAfterMs: 60_000 });
    await expect(runWithRetryPolicy(failing(tooLong), settings, { retryable: true, sleep })).rejects.toBe(tooLong);
    expect(sleep.waits).toEqual([]);
  });

  it.each([
    ['a 500', upstream(500)],
    ['a 400', new ValidationError('bad input', { status: 400 })],
    ['an aborted call', new TransportError('aborted', { failure: 'aborted' })],
    ['a Maskinporten 4xx', new MaskinportenError('invalid_grant', { status: 400, retryable: false })],
  ])('never retries %s', async (_name, error) => {
    const sleep = recordingSleep();
    const attempt = failing(error);
    await expect(runWithRetryPolicy(attempt, settings, { retryable: true, sleep })).rejects.toBe(error);
    expect(attempt.calls).toBe(1);
  });

  it('makes exactly one attempt for a call marked retryable: false', async () => {
    const sleep = recordingSleep();
    const attempt = failing(upstream(503));
    await expect(runWithRetryPolicy(attempt, settings, { retryable: false, sleep })).rejects.toBeInstanceOf(
      UpstreamError,
    );
    expect(attempt.calls).toBe(1);
    expect(sleep.waits).toEqual([]);
  });

  it("hands the call's signal to sleep, and an abort during the wait ends the call without another attempt", async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const waits: number[] = [];
    // A sleep that never finishes on its own: only the abort can end it.
    const sleep: Sleep = (ms, signal) =>
      new Promise((_resolve, reject) => {
        waits.push(ms);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    const attempt = failing(upstream(503), upstream(503));
    const run = runWithRetryPolicy(attempt, settings, { retryable: true, sleep, signal: controller.signal });
    await Promise.resolve();
    await Promise.resolve();
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(waits).toEqual([100]);
    expect(attempt.calls).toBe(1);
  });

  it('starts no further attempt once the signal has aborted', async () => {
    const controller = new AbortController();
    const sleep = recordingSleep();
    const first = upstream(503);
    const attempt = async () => {
      controller.abort();
      throw first;
    };
    await expect(
      runWithRetryPolicy(attempt, settings, { retryable: true, sleep, signal: controller.signal }),
    ).rejects.toBe(first);
    expect(sleep.waits).toEqual([]);
  });
});

class FakeClock implements Clock {
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
}

describe('circuit breaker (consecutive failures)', () => {
  const counts = (error: unknown) => error instanceof UpstreamError && error.status === 503;
  const setup = () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ consecutiveFailures: 3, halfOpenAfterMs: 10_000, counts, clock });
    return { clock, breaker };
  };
  const fail = () => Promise.reject(upstream(503));
  const succeed = () => Promise.resolve('ok');

  it('opens after N consecutive counted failures and then calls nothing', async () => {
    const { breaker } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.execute(fail)).rejects.toBeInstanceOf(UpstreamError);
    expect(breaker.status).toBe('open');
    const untouched = jest.fn(succeed);
    await expect(breaker.execute(untouched)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(untouched).not.toHaveBeenCalled();
  });

  it('counts only consecutive failures: a success in between starts the count again', async () => {
    const { breaker } = setup();
    await breaker.execute(fail).catch(() => undefined);
    await breaker.execute(fail).catch(() => undefined);
    await breaker.execute(succeed);
    await breaker.execute(fail).catch(() => undefined);
    await breaker.execute(fail).catch(() => undefined);
    expect(breaker.status).toBe('closed');
  });

  it('lets errors that do not count pass through without counting them', async () => {
    const { breaker } = setup();
    const other = upstream(500);
    for (let i = 0; i < 5; i++) await expect(breaker.execute(() => Promise.reject(other))).rejects.toBe(other);
    expect(breaker.status).toBe('closed');
  });

  it('half-opens on the clock after halfOpenAfterMs: a failing trial opens it for another period', async () => {
    const { clock, breaker } = setup();
    for (let i = 0; i < 3; i++) await breaker.execute(fail).catch(() => undefined);
    clock.time += 9_999;
    await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(BrokenCircuitError);
    clock.time += 1;
    const trial = jest.fn(fail);
    await expect(breaker.execute(trial)).rejects.toBeInstanceOf(UpstreamError);
    expect(trial).toHaveBeenCalledTimes(1);
    expect(breaker.status).toBe('open');
    clock.time += 9_999;
    await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(BrokenCircuitError);
  });

  it('a successful trial closes it again', async () => {
    const { clock, breaker } = setup();
    for (let i = 0; i < 3; i++) await breaker.execute(fail).catch(() => undefined);
    clock.time += 10_000;
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
    expect(breaker.status).toBe('closed');
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
  });

  it('lets one trial through; a caller arriving meanwhile waits for its outcome', async () => {
    const { clock, breaker } = setup();
    for (let i = 0; i < 3; i++) await breaker.execute(fail).catch(() => undefined);
    clock.time += 10_000;
    let finishTrial: (value: string) => void = () => undefined;
    const trial = breaker.execute(() => new Promise<string>((resolve) => (finishTrial = resolve)));
    expect(breaker.status).toBe('half-open');
    const second = jest.fn(succeed);
    const waiting = breaker.execute(second);
    await Promise.resolve();
    expect(second).not.toHaveBeenCalled();
    finishTrial('trial ok');
    await expect(trial).resolves.toBe('trial ok');
    await expect(waiting).resolves.toBe('ok');
    expect(second).toHaveBeenCalledTimes(1);
  });
});
