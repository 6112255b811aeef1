import { FaultController } from '../../src/faults/fault-controller.js';
import { parseFaultHeader } from '../../src/faults/fault-header.js';
import type { FaultKind } from '../../src/faults/faults.js';
import { createPrng } from '../../src/faults/prng.js';
import { FaultConfigError, validateFaults } from '../../src/faults/validate-faults.js';

describe('parseFaultHeader', () => {
  it('reads the compact syntax', () => {
    expect(
      parseFaultHeader(
        '503, 429=30, reset, truncated, malformed, slow=20, latency=100, token-down, revoked, skew=-5, 422',
      ),
    ).toEqual({
      serverError: { status: 503 },
      rateLimited: { retryAfterSeconds: 30 },
      connectionReset: true,
      truncatedJson: true,
      malformedJson: true,
      slowBody: { chunkDelayMs: 20, chunks: 4 },
      latency: { fixedMs: 100 },
      tokenEndpointDown: true,
      tokenRevoked: true,
      clockSkewSeconds: -5,
      quotaExceeded: true,
    });
  });

  it('reads the JSON form through the same validation', () => {
    expect(parseFaultHeader('{"slowBody":{"chunkDelayMs":5,"chunks":2}}')).toEqual({
      slowBody: { chunkDelayMs: 5, chunks: 2 },
    });
  });

  it.each([
    ['explode', 'unknown fault "explode"'],
    ['latency', '"latency" needs a value'],
    ['reset=1', '"reset" takes no value'],
    ['429=-1', '"429" needs a non-negative number'],
    ['{"quota":{"dailyItems":1}}', 'cannot set quota or burstLimit'],
    ['{not json', 'is not valid JSON'],
  ])('refuses %s', (value, message) => {
    expect(() => parseFaultHeader(value)).toThrow(FaultConfigError);
    expect(() => parseFaultHeader(value)).toThrow(message);
  });
});

describe('validateFaults', () => {
  it('lists every problem at once, naming the field', () => {
    expect(() =>
      validateFaults({
        serverError: { status: 418 },
        latency: { fixedMs: -1 },
        typo: true,
        slowBody: { chunkDelayMs: 1, extra: 1 },
      }),
    ).toThrow(
      'invalid faults: unknown fault "typo"; latency.fixedMs must be a non-negative number; serverError.status must be 500, 502 or 503; unknown field "slowBody.extra"',
    );
  });

  it('keeps a valid configuration unchanged', () => {
    const faults = {
      serverError: { status: 502 as const, everyNth: 3, times: 2 },
      quota: { dailyItems: 10 },
      burstLimit: { requests: 5, windowSeconds: 1 },
      connectionReset: { rate: 0.5 },
      tokenRevoked: false,
    };
    expect(validateFaults(faults)).toEqual(faults);
  });
});

describe('FaultController triggers', () => {
  const controller = (faults: Parameters<typeof validateFaults>[0], seed = 1) => {
    const injected: FaultKind[] = [];
    const c = new FaultController(validateFaults(faults), createPrng(seed), (k) => injected.push(k));
    return { c, injected };
  };
  const run = (c: FaultController, n: number) =>
    Array.from({ length: n }, () => c.fire('connectionReset', undefined) !== undefined);

  it('fires every time for `true`', () => {
    expect(run(controller({ connectionReset: true }).c, 3)).toEqual([true, true, true]);
  });

  it('fires for the next `times` requests only', () => {
    expect(run(controller({ connectionReset: { times: 2 } }).c, 4)).toEqual([true, true, false, false]);
  });

  it('fires on every Nth request, at most `times` times', () => {
    expect(run(controller({ connectionReset: { everyNth: 2, times: 2 } }).c, 7)).toEqual([
      false,
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
  });

  it('draws rates from the seeded PRNG, so a seed reproduces the sequence', () => {
    const a = run(controller({ connectionReset: { rate: 0.5 } }, 42).c, 50);
    const b = run(controller({ connectionReset: { rate: 0.5 } }, 42).c, 50);
    expect(a).toEqual(b);
    expect(a.filter(Boolean).length).toBeGreaterThan(10);
    expect(a.filter(Boolean).length).toBeLessThan(40);
  });

  it('lets a per-request fault fire without advancing the global counters', () => {
    const { c, injected } = controller({ connectionReset: { everyNth: 2 } });
    expect(c.fire('connectionReset', { connectionReset: true })).toBe(true);
    expect(run(c, 2)).toEqual([false, true]);
    expect(injected).toEqual(['connectionReset', 'connectionReset']);
  });

  it('restarts counters on set() and returns to the baseline on reset()', () => {
    const { c } = controller({ connectionReset: { times: 1 } });
    expect(run(c, 2)).toEqual([true, false]);
    c.set({ serverError: { status: 500 } });
    expect(c.current).toEqual({ serverError: { status: 500 } });
    c.reset();
    expect(run(c, 2)).toEqual([true, false]);
  });
});
