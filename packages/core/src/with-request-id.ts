/**
 * Core-internal (not exported from the package): attaching the request id to an error that was created
 * before the id was known, or by someone who did not know it (token provider, envelope reader).
 *
 * Why a copy and not `error.requestId ??= id`: `requestId` is read-only, because errors are shared.
 * One failed token request rejects every caller waiting on it with the same instance, and one failed
 * bulk chunk becomes the `error` of every outcome of that chunk; stamping the first caller's id on
 * the shared instance would give every other caller a wrong support reference. Hand-written because
 * no library copies an Error subclass: the copy is a real `Error` (so `util.types.isNativeError`,
 * loggers and Jest treat it as one) with the original's prototype (`instanceof`, `code` switches),
 * and all its own properties, including `stack` and `cause`, so the origin of the failure stays
 * visible.
 */

import type { KjoretoyregisterError } from './errors.js';

/** `error` itself when it already has a request id or there is none to add; otherwise a same-class copy with it. */
export function withRequestId<E extends KjoretoyregisterError>(error: E, requestId: string | undefined): E {
  if (requestId === undefined || error.requestId !== undefined) return error;
  const copy: E = Object.setPrototypeOf(new Error(error.message), Object.getPrototypeOf(error));
  Object.defineProperties(copy, Object.getOwnPropertyDescriptors(error));
  // On Node 22 and newer V8 keeps `stack` as an own accessor that reads the receiver's own captured
  // trace, so the copied accessor would show where the copy was made; keep the original's text.
  Object.defineProperty(copy, 'stack', { value: error.stack, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(copy, 'requestId', { value: requestId, enumerable: true, writable: false, configurable: true });
  return copy;
}
