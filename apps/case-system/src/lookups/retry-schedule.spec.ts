import {
  AuditWriteError,
  QuotaExceededError,
  RateLimitError,
  UpstreamError,
  ValidationError,
} from '@kjoretoyregister/core';
import { backoffMs, decideAfterFailure, describeFailure, type RetrySettings } from './retry-schedule.js';

const settings: RetrySettings = { maxAttempts: 4, backoffBaseMs: 1_000, backoffMaxMs: 30_000 };
const half = () => 0.5;

describe('backoffMs', () => {
  it('doubles per attempt up to the cap, with jitter between half and the whole step', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, 1_000, 30_000, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(backoffMs(3, 1_000, 30_000, () => 0)).toBe(2_000);
    expect(backoffMs(20, 1_000, 30_000, () => 1)).toBe(30_000);
  });
});

describe('decideAfterFailure', () => {
  it('holds a lookup whose audit intent could not be written, without using an attempt, even after the last one', () => {
    for (const attempts of [1, settings.maxAttempts, settings.maxAttempts + 3]) {
      expect(decideAfterFailure(new AuditWriteError('DatabaseError'), attempts, settings, half)).toMatchObject({
        kind: 'not-sent',
        delayMs: expect.any(Number),
        reason: expect.stringMatching(/^KJR_AUDIT_WRITE: /),
      });
    }
  });

  it('retries a retryable upstream error with backoff until the attempts are spent', () => {
    const error = new UpstreamError('Upstream answered 503', { status: 503, retryable: true });
    expect(decideAfterFailure(error, 1, settings, half)).toEqual({
      kind: 'retry',
      delayMs: 750,
      reason: 'KJR_UPSTREAM: Upstream answered 503',
    });
    expect(decideAfterFailure(error, 4, settings, half)).toEqual({
      kind: 'permanent',
      reason: 'KJR_UPSTREAM: Upstream answered 503 (gave up after 4 attempts)',
    });
  });

  it('waits for a spent quota as long as Retry-After says, or the configured cap', () => {
    const error = new QuotaExceededError('Quota exceeded', { retryAfterMs: 3_600_000 });
    expect(decideAfterFailure(error, 9, settings)).toMatchObject({ kind: 'wait-for-quota', delayMs: 3_600_000 });
    expect(decideAfterFailure(error, 9, { ...settings, quotaWaitCapMs: 60_000 })).toMatchObject({
      kind: 'wait-for-quota',
      delayMs: 60_000,
    });
  });

  it('honours a rate limit Retry-After longer than the backoff', () => {
    const error = new RateLimitError('Rate limited', { retryAfterMs: 20_000 });
    expect(decideAfterFailure(error, 1, settings, half)).toMatchObject({ kind: 'retry', delayMs: 20_000 });
  });

  it('records errors that are not retryable at once', () => {
    const error = new UpstreamError('Upstream answered 500', { status: 500, svvguid: 'abc-123' });
    expect(decideAfterFailure(error, 1, settings)).toEqual({
      kind: 'permanent',
      reason: 'KJR_UPSTREAM: Upstream answered 500 (svvguid abc-123)',
    });
    expect(decideAfterFailure(new ValidationError('kjennemerke is not a plate'), 1, settings)).toMatchObject({
      kind: 'permanent',
    });
  });

  it('retries errors from outside core, describing them by name only', () => {
    const error = new TypeError('duplicate key value (kjennemerke)=(ST10001)');
    expect(decideAfterFailure(error, 1, settings, half)).toMatchObject({
      kind: 'retry',
      reason: 'TypeError (internal error)',
    });
    expect(describeFailure(error)).not.toContain('ST10001');
  });
});
