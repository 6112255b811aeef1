import type { Clock } from '../clock.js';
import {
  FIKS_TOKEN_REJECTED_TEXT,
  QUOTA_EXCEEDED_STATUS,
  RATE_LIMITED_STATUS,
  REMAINING_QUOTA_FIELD,
  SVVGUID_FIELD,
} from '../contract/assumptions.js';
import {
  FiksAuthenticationError,
  ForbiddenError,
  type AnyKjoretoyregisterError,
  type JsonValue,
  QuotaExceededError,
  RateLimitError,
  UpstreamError,
  ValidationError,
} from '../errors.js';
import { redactText } from '../observability/redact.js';
import type { Responskode } from '../schemas/index.js';
import { parseRetryAfter } from './retry-after.js';
import type { TransportResponse } from './transport.js';

/**
 * The only place a non-2xx Fiks answer becomes an error (as stripe's `generateV1Error`).
 * Messages carry status and codes, never the body: the body (redacted) goes to `details`.
 */
export function errorFromFiksResponse(
  response: TransportResponse,
  context: { requestId: string; clock: Clock },
): AnyKjoretoyregisterError {
  const json = tryParseJson(response.body);
  const common = {
    status: response.status,
    requestId: context.requestId,
    errorId: fiksErrorId(json),
    svvguid: findSvvguid(json, response.headers),
    details: json === undefined ? redactText(response.body) : redactJson(json),
  };
  const { status } = response;

  if (status === 400) {
    const responskoder = responskoderOf(json);
    const codes = responskoder.map((r) => r.kode).filter(Boolean);
    return new ValidationError(
      `Kjøretøyregister rejected the request (400)${codes.length ? `: ${codes.join(', ')}` : ''}`,
      { ...common, responskoder },
    );
  }
  if (status === 401) {
    return isTokenRejection(response)
      ? new FiksAuthenticationError('Fiks rejected the access token (401 «Klarte ikke å validere access_token»)', {
          ...common,
          kind: 'token',
        })
      : new FiksAuthenticationError(
          "Fiks rejected the integration (401 «Autentisering feilet for integrasjon»): check IntegrasjonId, IntegrasjonPassord and that the token consumer org is the integration's authorised org",
          { ...common, kind: 'integration' },
        );
  }
  if (status === 403) {
    return new ForbiddenError(
      'Fiks denied access (403): the integration has no access to Kjøretøyregister for this fiksOrgId, or the service is not activated',
      common,
    );
  }
  if (status === QUOTA_EXCEEDED_STATUS) {
    // CONTRACT-ASSUMPTION (e): quota spent; surface when it resets, never retry.
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], context.clock);
    return new QuotaExceededError('Kjøretøyregister quota exhausted (422); it resets later, do not retry now', {
      ...common,
      retryAfterMs,
      resetsAt: retryAfterMs === undefined ? undefined : new Date(context.clock.now() + retryAfterMs),
      gjenstaendeKvote: remainingQuota(json, response.headers),
    });
  }
  if (status === RATE_LIMITED_STATUS) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], context.clock);
    return new RateLimitError('Kjøretøyregister rate limit hit (429)', { ...common, retryAfterMs });
  }
  const retryable = status === 502 || status === 503 || status === 504;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], context.clock);
  return new UpstreamError(`Kjøretøyregister answered HTTP ${status}`, {
    ...common,
    retryable,
    retryAfterMs,
  });
}

/**
 * docs/contract.md#s3.5 / CONTRACT-ASSUMPTION (i): a 401 whose `message` (JSON) or raw body holds
 * `FIKS_TOKEN_REJECTED_TEXT` rejects the token (evict and retry once); any other 401 rejects the
 * integration. For transports that must react to it themselves (n8n refreshes its stored token).
 */
export function isTokenRejection(response: Pick<TransportResponse, 'status' | 'body'>): boolean {
  if (response.status !== 401) return false;
  if (response.body.includes(FIKS_TOKEN_REJECTED_TEXT)) return true;
  // The JSON may escape the å (\u00e5): read `message` parsed, too.
  const message = fieldOf(tryParseJson(response.body), 'message');
  return typeof message === 'string' && message.includes(FIKS_TOKEN_REJECTED_TEXT);
}

function fieldOf(json: unknown, key: string): unknown {
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
}

export function tryParseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A Fiks error body is recognised by `errorId` plus `status` (docs/contract.md#s7f). */
function fiksErrorId(json: unknown): string | undefined {
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    if (typeof record['errorId'] === 'string' && record['status'] !== undefined) return record['errorId'];
  }
  return undefined;
}

/** CONTRACT-ASSUMPTION (f): `svvguid` anywhere in the body (any case, any depth) or as a header. */
function findSvvguid(json: unknown, headers: Record<string, string>): string | undefined {
  const header = Object.entries(headers).find(([name]) => name.toLowerCase() === SVVGUID_FIELD)?.[1];
  if (header) return header;
  return searchKey(json, SVVGUID_FIELD, 0);
}

function searchKey(value: unknown, key: string, depth: number): string | undefined {
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = searchKey(item, key, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
    if (name.toLowerCase() === key && (typeof inner === 'string' || typeof inner === 'number')) return String(inner);
  }
  for (const inner of Object.values(value as Record<string, unknown>)) {
    const found = searchKey(inner, key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function responskoderOf(json: unknown): Responskode[] {
  const list = (json as { responskoder?: unknown } | undefined)?.responskoder;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is Responskode => !!r && typeof r === 'object' && typeof (r as { kode?: unknown }).kode === 'string',
  );
}

function remainingQuota(json: unknown, headers: Record<string, string>): number | undefined {
  const header = headers[REMAINING_QUOTA_FIELD.toLowerCase()];
  const fromBody = (json as Record<string, unknown> | undefined)?.[REMAINING_QUOTA_FIELD];
  const value = header ?? fromBody;
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

const PATH_KEYS = new Set(['path', 'originalPath']);

/** Keeps the structure for support, masks personal data and secrets inside strings. */
function redactJson(value: unknown, depth = 0): JsonValue {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactText(value, 300);
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redactJson(v, depth + 1));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) =>
        // Fiks echoes the request path, which holds the VIN and fiksOrgId (docs/contract.md#s9.12).
        PATH_KEYS.has(k) ? [k, '[path]'] : [k, redactJson(v, depth + 1)],
      ),
    );
  }
  // JSON.parse yields nothing else (no undefined, bigint or function).
  return null;
}
