// Compile-only (see lookup-outcome.test-d.ts): the error classes' construction, fields and `details`.
import { expectTypeOf } from 'expect-type';
import {
  KjoretoyregisterError,
  MaskinportenError,
  QuotaExceededError,
  RateLimitError,
  ResponseFormatError,
  TransportError,
  UpstreamError,
  ValidationError,
  isKjoretoyregisterError,
  type AnyKjoretoyregisterError,
  type KjoretoyregisterClient,
  type MaskinportenErrorDetails,
  type MaskinportenTokenProvider,
  type RedactedBody,
  type ResponseFormatDetails,
} from '../../src/index.js';

declare const caught: unknown;
declare const error: AnyKjoretoyregisterError;

export function constructionIsClosed(): void {
  // @ts-expect-error the base is abstract: a code only ever comes with its class
  new KjoretoyregisterError('KJR_QUOTA_EXCEEDED', 'spent');
  // @ts-expect-error a class that keeps nothing in `details` accepts none
  new TransportError('down', { failure: 'network', details: { body: 'x' } });
  // @ts-expect-error details are typed per class
  new ResponseFormatError('unreadable', { details: 'not a list of issues' });
  new ResponseFormatError('unreadable', { details: [{ path: 'a', code: 'invalid_type', message: 'm' }] });
}

export function requestIdIsReadOnly(quota: QuotaExceededError): void {
  // @ts-expect-error errors are shared, so nobody may change one
  quota.requestId = 'another';
}

// The guard narrows to the union, and `code` narrows the union to one class with its fields.
if (isKjoretoyregisterError(caught)) expectTypeOf(caught).toEqualTypeOf<AnyKjoretoyregisterError>();
switch (error.code) {
  case 'KJR_QUOTA_EXCEEDED':
    expectTypeOf(error).toEqualTypeOf<QuotaExceededError>();
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
    break;
  case 'KJR_UPSTREAM':
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
    break;
  case 'KJR_VALIDATION':
    expectTypeOf(error).toEqualTypeOf<ValidationError>();
    break;
}

expectTypeOf<UpstreamError['details']>().toEqualTypeOf<RedactedBody | undefined>();
expectTypeOf<RateLimitError['details']>().toEqualTypeOf<RedactedBody | undefined>();
expectTypeOf<MaskinportenError['details']>().toEqualTypeOf<MaskinportenErrorDetails | undefined>();
expectTypeOf<ResponseFormatError['details']>().toEqualTypeOf<ResponseFormatDetails | undefined>();
expectTypeOf<TransportError['details']>().toEqualTypeOf<undefined>();

// Test hooks are not public API.
expectTypeOf<KjoretoyregisterClient>().not.toHaveProperty('tokenRequestCount');
expectTypeOf<MaskinportenTokenProvider>().not.toHaveProperty('tokenRequestCount');
