import type { AnyKjoretoyregisterError, KjoretoyregisterError } from '@kjoretoyregister/core';
import { HttpStatus } from '@nestjs/common';

/** What an app that exposes lookups answers for a core error. */
export interface KjoretoyregisterHttpError {
  status: number;
  headers: Record<string, string>;
  body: {
    statusCode: number;
    /** Core's stable code, e.g. `KJR_QUOTA_EXCEEDED`. */
    code: string;
    message: string;
    /** Our request id, Fiks `errorId` and SVV `svvguid`: what support asks for. */
    requestId?: string;
    errorId?: string;
    svvguid?: string;
    /** Where the input was wrong (never the value), for `KJR_VALIDATION`. */
    issues?: { path: string; message: string }[];
  };
}

/**
 * The upstream's limits and outages are this service's unavailability (503/502/504); the
 * caller's bad input is theirs (400). Configuration and credential problems are ours (500/502),
 * so they are reported without blaming the caller.
 */
export function toHttpError(error: KjoretoyregisterError): KjoretoyregisterHttpError {
  const known = error as AnyKjoretoyregisterError;
  const headers: Record<string, string> = {};
  let status: number;
  switch (known.code) {
    case 'KJR_VALIDATION':
      status = HttpStatus.BAD_REQUEST;
      break;
    case 'KJR_AUDIT_CONTEXT_REQUIRED':
      // A lookup without an accountable actor, purpose and legal basis is refused, not attempted.
      status = HttpStatus.FORBIDDEN;
      break;
    case 'KJR_QUOTA_EXCEEDED':
    case 'KJR_RATE_LIMITED': {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      const seconds = retryAfterSeconds(known);
      if (seconds !== undefined) headers['Retry-After'] = String(seconds);
      break;
    }
    case 'KJR_CIRCUIT_OPEN':
      status = HttpStatus.SERVICE_UNAVAILABLE;
      break;
    case 'KJR_AUDIT_WRITE':
      // The app's own audit store refused the intent, so nothing was sent: ours to fix, and retryable later.
      status = HttpStatus.SERVICE_UNAVAILABLE;
      break;
    case 'KJR_TRANSPORT':
      status = known.failure === 'timeout' ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
      break;
    case 'KJR_CONFIGURATION':
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      break;
    default:
      // Maskinporten, Fiks authentication, forbidden, upstream 5xx, unreadable response.
      status = HttpStatus.BAD_GATEWAY;
  }
  return {
    status,
    headers,
    body: {
      statusCode: status,
      code: known.code,
      // Core messages name fields and positions, never values.
      message: known.message,
      ...(known.requestId ? { requestId: known.requestId } : {}),
      ...(known.errorId ? { errorId: known.errorId } : {}),
      ...(known.svvguid ? { svvguid: known.svvguid } : {}),
      ...(known.code === 'KJR_VALIDATION' && known.issues.length > 0 ? { issues: known.issues } : {}),
    },
  };
}

function retryAfterSeconds(error: { retryAfterMs?: number }): number | undefined {
  return error.retryAfterMs === undefined ? undefined : Math.max(0, Math.ceil(error.retryAfterMs / 1000));
}
