import { TokenCache, tokenCacheKey, type FetchedToken } from '../../src/auth/token-cache.js';
import type { Clock } from '../../src/clock.js';
import { TransportError } from '../../src/errors.js';
import { expectRejection } from '../support/core-errors.js';

class ManualClock implements Clock {
  constructor(public time = 1_800_000_000_000) {}
  now(): number {
    return this.time;
  }
}

/** A fetcher that counts calls and hands out numbered tokens; optionally held until released. */
function countingFetcher(expiresIn = 120) {
  let serial = 0;
  let gate: Promise<void> | undefined;
  const fetcher = Object.assign(
    async (): Promise<FetchedToken> => {
      fetcher.calls++;
      const mine = ++serial;
      if (gate) await gate;
      return { accessToken: `token-${mine}`, expiresIn, scope: 'ks:fiks' };
    },
    { calls: 0 },
  );
  const hold = () => {
    let release: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      gate = undefined;
      release();
    };
  };
  return { fetcher, hold };
}

const KEY = tokenCacheKey({
  tokenUrl: 'https://test.maskinporten.no/token',
  audience: 'https://test.maskinporten.no/',
  clientId: 'c',
  scope: 'ks:fiks',
});

describe('TokenCache', () => {
  it('shares one fetch between 100 concurrent callers', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    const { fetcher, hold } = countingFetcher();
    const release = hold();
    const waiting = Array.from({ length: 100 }, () => cache.get(KEY, fetcher));
    release();
    const tokens = await Promise.all(waiting);
    expect(fetcher.calls).toBe(1);
    expect(new Set(tokens.map((t) => t.value))).toEqual(new Set(['token-1']));
  });

  it('serves the token until receipt + expires_in − margin, then fetches anew', async () => {
    const clock = new ManualClock();
    const cache = new TokenCache({ clock });
    const { fetcher } = countingFetcher(120);
    const receivedAt = clock.time;
    const first = await cache.get(KEY, fetcher);
    expect(first).toEqual({
      value: 'token-1',
      expiresIn: 120,
      expiresAt: receivedAt + 110_000,
      scope: 'ks:fiks',
    });

    clock.time = receivedAt + 109_999;
    expect((await cache.get(KEY, fetcher)).value).toBe('token-1');
    expect(fetcher.calls).toBe(1);

    clock.time = receivedAt + 110_000;
    expect((await cache.get(KEY, fetcher)).value).toBe('token-2');
    expect(fetcher.calls).toBe(2);
  });

  it('counts the lifetime from when the response arrived, not when the fetch started', async () => {
    const clock = new ManualClock();
    const cache = new TokenCache({ clock, expiryMarginMs: 0 });
    const { fetcher, hold } = countingFetcher(60);
    const release = hold();
    const pending = cache.get(KEY, fetcher);
    clock.time += 5_000; // the token call takes 5 s
    const arrivedAt = clock.time;
    release();
    expect((await pending).expiresAt).toBe(arrivedAt + 60_000);
  });

  it('honours a configured margin', async () => {
    const clock = new ManualClock();
    const cache = new TokenCache({ clock, expiryMarginMs: 30_000 });
    const { fetcher } = countingFetcher(120);
    const start = clock.time;
    await cache.get(KEY, fetcher);
    clock.time = start + 89_999;
    await cache.get(KEY, fetcher);
    expect(fetcher.calls).toBe(1);
    clock.time = start + 90_000;
    await cache.get(KEY, fetcher);
    expect(fetcher.calls).toBe(2);
  });

  it('hands a token shorter than the margin to its caller but does not cache it', async () => {
    const clock = new ManualClock();
    const cache = new TokenCache({ clock });
    const { fetcher } = countingFetcher(5);
    const token = await cache.get(KEY, fetcher);
    expect(token).toMatchObject({ value: 'token-1', expiresAt: clock.time });
    expect((await cache.get(KEY, fetcher)).value).toBe('token-2');
    expect(fetcher.calls).toBe(2);
  });

  it('never caches a failure: all waiters see it, the next caller fetches anew', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    let calls = 0;
    const failure = new Error('maskinporten down');
    const flaky = async (): Promise<FetchedToken> => {
      calls++;
      if (calls === 1) throw failure;
      return { accessToken: 'recovered', expiresIn: 120 };
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => cache.get(KEY, flaky)));
    expect(calls).toBe(1);
    expect(results.every((r) => r.status === 'rejected' && r.reason === failure)).toBe(true);
    expect((await cache.get(KEY, flaky)).value).toBe('recovered');
    expect(calls).toBe(2);
  });

  it('handles a fetcher that throws synchronously like any failure', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    const boom = (): Promise<FetchedToken> => {
      throw new Error('sync');
    };
    await expect(cache.get(KEY, boom)).rejects.toThrow('sync');
    const { fetcher } = countingFetcher();
    await expect(cache.get(KEY, fetcher)).resolves.toMatchObject({
      value: 'token-1',
    });
  });

  it('invalidates only the token it is told about', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    const { fetcher } = countingFetcher();
    const stale = await cache.get(KEY, fetcher);
    cache.invalidate(KEY, stale);
    const fresh = await cache.get(KEY, fetcher);
    expect(fresh.value).toBe('token-2');

    cache.invalidate(KEY, stale); // a late 401 for the old token
    expect((await cache.get(KEY, fetcher)).value).toBe('token-2');
    expect(fetcher.calls).toBe(2);

    cache.invalidate(KEY);
    expect((await cache.get(KEY, fetcher)).value).toBe('token-3');
  });

  it('does not let a fetch started before clear() fill the cache', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    const { fetcher, hold } = countingFetcher();
    const release = hold();
    const before = cache.get(KEY, fetcher);
    cache.clear();
    release();
    expect((await before).value).toBe('token-1');
    expect((await cache.get(KEY, fetcher)).value).toBe('token-2');
  });

  it('lets one caller stop waiting without failing the shared fetch', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    const { fetcher, hold } = countingFetcher();
    const release = hold();
    const controller = new AbortController();
    const impatient = cache.get(KEY, fetcher, { signal: controller.signal });
    const patient = cache.get(KEY, fetcher);
    controller.abort();
    await expect(impatient).rejects.toMatchObject({
      constructor: TransportError,
      code: 'KJR_TRANSPORT',
      failure: 'aborted',
    });
    release();
    expect((await patient).value).toBe('token-1');
    expect(fetcher.calls).toBe(1);
    expect((await cache.get(KEY, fetcher)).value).toBe('token-1');
  });

  it('rejects an already-aborted caller at once', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    const { fetcher } = countingFetcher();
    await expectRejection(cache.get(KEY, fetcher, { signal: AbortSignal.abort() }), TransportError, 'KJR_TRANSPORT');
  });
});

describe('tokenCacheKey', () => {
  const base = {
    tokenUrl: 'https://test.maskinporten.no/token',
    audience: 'https://test.maskinporten.no/',
    clientId: 'client-a',
    scope: ['ks:fiks', 'b:c'],
  };

  it('ignores scope order and spacing', () => {
    expect(tokenCacheKey(base)).toBe(tokenCacheKey({ ...base, scope: 'b:c  ks:fiks' }));
  });

  it.each([
    [
      'environment',
      {
        tokenUrl: 'https://maskinporten.no/token',
        audience: 'https://maskinporten.no/',
      },
    ],
    ['client', { clientId: 'client-b' }],
    ['scope', { scope: 'ks:fiks' }],
    ['consumer_org', { consumerOrg: '310000009' }],
    ['resource', { resource: 'https://api.example.test/' }],
  ])('separates tokens by %s', (_name, change) => {
    expect(tokenCacheKey({ ...base, ...change })).not.toBe(tokenCacheKey(base));
  });

  it('keeps tokens for different keys apart in one cache', async () => {
    const cache = new TokenCache({ clock: new ManualClock() });
    const { fetcher } = countingFetcher();
    const a = await cache.get(tokenCacheKey(base), fetcher);
    const b = await cache.get(tokenCacheKey({ ...base, consumerOrg: '310000009' }), fetcher);
    expect([a.value, b.value]).toEqual(['token-1', 'token-2']);
    expect((await cache.get(tokenCacheKey(base), fetcher)).value).toBe('token-1');
  });
});
