import { MaskinportenError, QuotaExceededError, TransportError } from '../../src/errors.js';
import type { AccessToken, TokenProvider } from '../../src/auth/token-provider.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/observability/logger.js';
import { FiksPipeline } from '../../src/transport/pipeline.js';
import { withRequestId } from '../../src/with-request-id.js';
import { expectCoreError } from '../support/core-errors.js';

describe('withRequestId', () => {
  it('returns a same-class copy with the id, keeping message, fields, stack and cause, and leaves the original alone', () => {
    const cause = new Error('socket hang up');
    const original = new QuotaExceededError('quota spent', { retryAfterMs: 5_000, cause });

    const copy = withRequestId(original, 'req-1');

    expectCoreError(copy, QuotaExceededError, 'KJR_QUOTA_EXCEEDED');
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(Error);
    expect(copy).toMatchObject({ requestId: 'req-1', retryAfterMs: 5_000, status: 422, message: 'quota spent' });
    expect(copy.retryAfter).toBe(5);
    expect(copy.cause).toBe(cause);
    expect(copy.stack).toBe(original.stack);
    expect(copy.name).toBe('QuotaExceededError');
    expect(original.requestId).toBeUndefined();
  });

  it('keeps an error that already has an id, and one with no id to add', () => {
    const answered = new TransportError('down', { failure: 'network', requestId: 'req-first' });
    expect(withRequestId(answered, 'req-second')).toBe(answered);
    const unsent = new TransportError('down', { failure: 'network' });
    expect(withRequestId(unsent, undefined)).toBe(unsent);
  });
});

describe('a token failure shared by concurrent calls', () => {
  it("gives each call the failure with its own request id, never another caller's", async () => {
    // One token request failing rejects every waiting caller with the same instance (token-cache.ts).
    const shared = new MaskinportenError('Maskinporten rejected the grant', { status: 400, retryable: false });
    const tokens: TokenProvider = {
      getToken: (): Promise<AccessToken> => Promise.reject(shared),
      invalidate: () => undefined,
    };
    const pipeline = new FiksPipeline({
      transport: { send: () => Promise.reject(new Error('no request may be sent without a token')) },
      tokenProvider: tokens,
      baseUrl: 'http://127.0.0.1:9/unused',
      integrasjonId: 'id',
      integrasjonPassord: 'password',
      timeoutMs: 1_000,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, retryAfterCeilingMs: 1 },
      logger: silentLogger,
      clock: systemClock,
      sleep: () => Promise.reject(new Error('maxAttempts is 1: nothing may wait for a retry')),
    });
    const call = () =>
      pipeline.call({ method: 'GET', route: '/x', path: '/x', retryable: false }).catch((error: unknown) => error);

    const [first, second] = await Promise.all([call(), call()]);

    expectCoreError(first, MaskinportenError, 'KJR_MASKINPORTEN');
    expectCoreError(second, MaskinportenError, 'KJR_MASKINPORTEN');
    expect(first.requestId).toEqual(expect.any(String));
    expect(second.requestId).toEqual(expect.any(String));
    expect(first.requestId).not.toBe(second.requestId);
    expect(shared.requestId).toBeUndefined();
  });
});
