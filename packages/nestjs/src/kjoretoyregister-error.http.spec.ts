import {
  AuditContextRequiredError,
  AuditWriteError,
  CircuitOpenError,
  ConfigurationError,
  FiksAuthenticationError,
  ForbiddenError,
  MaskinportenError,
  QuotaExceededError,
  RateLimitError,
  ResponseFormatError,
  TransportError,
  UpstreamError,
  ValidationError,
  type KjoretoyregisterError,
} from '@kjoretoyregister/core';
import { toHttpError } from './kjoretoyregister-error.http.js';

describe('toHttpError', () => {
  it('answers a spent quota with 503 and Retry-After in whole seconds', () => {
    const mapped = toHttpError(
      new QuotaExceededError('Daily quota exceeded', { retryAfterMs: 3_600_500, requestId: 'r-1' }),
    );
    expect(mapped.status).toBe(503);
    expect(mapped.headers).toEqual({ 'Retry-After': '3601' });
    expect(mapped.body).toEqual({
      statusCode: 503,
      code: 'KJR_QUOTA_EXCEEDED',
      message: 'Daily quota exceeded',
      requestId: 'r-1',
    });
  });

  it('answers bad input with 400 and the issues (paths, never values)', () => {
    const error = new ValidationError('1 item is invalid', {
      issues: [{ path: 'items[0].kjennemerke', message: 'is not a plate' }],
    });
    const mapped = toHttpError(error);
    expect(mapped.status).toBe(400);
    expect(mapped.headers).toEqual({});
    expect(mapped.body.issues).toEqual([{ path: 'items[0].kjennemerke', message: 'is not a plate' }]);
  });

  it.each<[KjoretoyregisterError, number]>([
    [new RateLimitError('Rate limited', { retryAfterMs: 2_000 }), 503],
    [new CircuitOpenError(), 503],
    [new TransportError('Request timed out', { failure: 'timeout' }), 504],
    [new TransportError('Network error', { failure: 'network' }), 502],
    [new UpstreamError('Upstream answered 500', { status: 500, svvguid: 'g-1', errorId: 'e-1' }), 502],
    [new MaskinportenError('Maskinporten refused the grant'), 502],
    [new FiksAuthenticationError('Integration rejected', { kind: 'integration' }), 502],
    [new ForbiddenError('No access'), 502],
    [new ResponseFormatError('Not JSON'), 502],
    [new ConfigurationError([{ path: 'fiksOrgId', message: 'is required' }]), 500],
    [new AuditContextRequiredError(['actor']), 403],
    [new AuditWriteError('DatabaseError'), 503],
  ])('%s → %i', (error, status) => {
    const mapped = toHttpError(error);
    expect(mapped.status).toBe(status);
    expect(mapped.body).toMatchObject({ statusCode: status, code: error.code, message: error.message });
  });

  it('passes the support ids through and a rate limit gets Retry-After too', () => {
    expect(toHttpError(new UpstreamError('x', { svvguid: 'g-1', errorId: 'e-1' })).body).toMatchObject({
      svvguid: 'g-1',
      errorId: 'e-1',
    });
    expect(toHttpError(new RateLimitError('x', { retryAfterMs: 1_200 })).headers).toEqual({ 'Retry-After': '2' });
  });
});
