/**
 * Every error the client raises. One abstract base class with a stable `code` so callers can
 * `switch (err.code)` on `AnyKjoretoyregisterError`; subclasses add the fields their family needs and say
 * what their `details` hold.
 *
 * Messages never contain a plate, VIN, name, fødselsnummer, token or password: they name the
 * field and position instead. Upstream bodies are kept (redacted) in `details`, never in `message`.
 */

import type { Responskode } from './schemas/index.js';

export type KjoretoyregisterErrorCode =
  | 'KJR_CONFIGURATION'
  | 'KJR_VALIDATION'
  | 'KJR_MASKINPORTEN'
  | 'KJR_FIKS_AUTHENTICATION'
  | 'KJR_FORBIDDEN'
  | 'KJR_QUOTA_EXCEEDED'
  | 'KJR_RATE_LIMITED'
  | 'KJR_UPSTREAM'
  | 'KJR_TRANSPORT'
  | 'KJR_RESPONSE_FORMAT'
  | 'KJR_AUDIT_CONTEXT_REQUIRED'
  | 'KJR_AUDIT_WRITE'
  | 'KJR_CIRCUIT_OPEN';

/** A JSON value as parsed from an upstream body. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A Fiks answer body as kept in `details`: the parsed JSON with personal data and secrets masked inside
 * its strings (`path` fields replaced), or the masked raw text when the body was not JSON.
 */
export type RedactedBody = JsonValue;

/** One schema problem of a response body: where and what, never the offending value. */
export interface SchemaIssue {
  path: string;
  code: string;
  message: string;
}

/** `ResponseFormatError.details`: the schema issues, or the JSON type found where an object/list was expected. */
export type ResponseFormatDetails = SchemaIssue[] | { type: string };

/** `MaskinportenError.details`, by what the token endpoint answered. */
export type MaskinportenErrorDetails =
  /** A 2xx body without a usable `access_token`/`expires_in`. */
  | { missing: string[]; bodyLength: number }
  /** The documented OAuth2 error JSON. */
  | { error?: string; errorDescription?: string; errorUri?: string }
  /** Anything else (plain text, HTML): the redacted, truncated text. */
  | { body: string; contentType?: string };

/** @typeParam D what this error class keeps in `details`; `never` for classes that keep nothing there. */
export interface KjoretoyregisterErrorOptions<D = unknown> {
  status?: number;
  retryable?: boolean;
  requestId?: string;
  errorId?: string;
  svvguid?: string;
  cause?: unknown;
  /** Redacted upstream body or other diagnostics; never shown in `message`. */
  details?: D;
}

/**
 * Abstract: only the classes below exist, so a `code` always comes with its class's fields
 * (`KJR_QUOTA_EXCEEDED` always with `retryAfterMs` available). Every field is read-only: an error may
 * be shared (one token failure rejects every waiting caller), so nobody may change it under another.
 */
export abstract class KjoretoyregisterError<D = unknown> extends Error {
  abstract readonly code: KjoretoyregisterErrorCode;
  readonly status?: number;
  readonly retryable: boolean;
  /** Our per-call request id (sent as the `requestId` header); always set for calls that reached the network layer. */
  readonly requestId?: string;
  /** Fiks `errorId`: what KS support asks for (docs/contract.md#s3.5). */
  readonly errorId?: string;
  /** SVV correlation id: what SVV support asks for (docs/contract.md#s7f). */
  readonly svvguid?: string;
  readonly details?: D;

  protected constructor(message: string, options: KjoretoyregisterErrorOptions<D> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.requestId = options.requestId;
    this.errorId = options.errorId;
    this.svvguid = options.svvguid;
    this.details = options.details;
  }
}

/** Machine-readable cause of a key-material issue, so diagnostics need not parse messages. */
export type ConfigurationIssueReason =
  | 'wrong_password'
  | 'key_mismatch'
  | 'certificate_not_yet_valid'
  | 'certificate_expired'
  | 'unreadable';

export interface ConfigurationIssue {
  /** Option path or environment variable name, e.g. `fiksOrgId` or `FIKS_ORG_ID`. */
  path: string;
  message: string;
  reason?: ConfigurationIssueReason;
}

/** Options or environment are wrong. Lists every problem at once. */
export class ConfigurationError extends KjoretoyregisterError<never> {
  override readonly code = 'KJR_CONFIGURATION' as const;
  readonly issues: ConfigurationIssue[];
  constructor(issues: ConfigurationIssue[], options: KjoretoyregisterErrorOptions<never> = {}) {
    super(`Invalid configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, options);
    this.issues = issues;
  }
}

export interface ValidationIssue {
  /** Where the problem is, e.g. `items[3].kjennemerke` or `dtg`. Never the value. */
  path: string;
  message: string;
}

/** The caller's input is wrong (client-side), or the service answered 400 (with `responskoder`). */
export class ValidationError extends KjoretoyregisterError<RedactedBody> {
  override readonly code = 'KJR_VALIDATION' as const;
  readonly issues: ValidationIssue[];
  readonly responskoder: Responskode[];
  constructor(
    message: string,
    init: {
      issues?: ValidationIssue[];
      responskoder?: Responskode[];
    } & KjoretoyregisterErrorOptions<RedactedBody> = {},
  ) {
    super(message, init);
    this.issues = init.issues ?? [];
    this.responskoder = init.responskoder ?? [];
  }
}

/** Maskinporten refused the grant or failed (docs/contract.md#s2.7). */
export class MaskinportenError extends KjoretoyregisterError<MaskinportenErrorDetails> {
  override readonly code = 'KJR_MASKINPORTEN' as const;
  /** OAuth2 `error`, e.g. `invalid_grant`. */
  readonly error?: string;
  /** Maskinporten's `error_description`, verbatim (it never holds personal data). */
  readonly errorDescription?: string;
  /** `MP-123` etc., extracted from the description or raw text. */
  readonly mpCode?: string;
  constructor(
    message: string,
    init: {
      error?: string;
      errorDescription?: string;
      mpCode?: string;
    } & KjoretoyregisterErrorOptions<MaskinportenErrorDetails> = {},
  ) {
    super(message, init);
    this.error = init.error;
    this.errorDescription = init.errorDescription;
    this.mpCode = init.mpCode;
  }
}

export type FiksAuthenticationKind = 'token' | 'integration';

/**
 * Fiks answered 401 (docs/contract.md#s3.5): the token (`kind: 'token'`) or the integration (`kind: 'integration'`).
 */
export class FiksAuthenticationError extends KjoretoyregisterError<RedactedBody> {
  override readonly code = 'KJR_FIKS_AUTHENTICATION' as const;
  readonly kind: FiksAuthenticationKind;
  constructor(message: string, init: { kind: FiksAuthenticationKind } & KjoretoyregisterErrorOptions<RedactedBody>) {
    super(message, { status: 401, ...init });
    this.kind = init.kind;
  }
}

/** Fiks answered 403: the integration lacks access to Kjøretøyregister for this fiksOrgId, or the endpoint is not exposed (docs/contract.md#s7h). */
export class ForbiddenError extends KjoretoyregisterError<RedactedBody> {
  override readonly code = 'KJR_FORBIDDEN' as const;
  /**
   * Set when a `sok/*` endpoint answered 403/404 and that was read as "not forwarded by Fiks"
   * (CONTRACT-ASSUMPTION (h)): the endpoint, e.g. `kundeid`. The fix differs from a missing grant.
   */
  readonly searchEndpoint?: string;
  constructor(message: string, init: { searchEndpoint?: string } & KjoretoyregisterErrorOptions<RedactedBody> = {}) {
    super(message, { status: 403, ...init });
    this.searchEndpoint = init.searchEndpoint;
  }
}

/** 422: the daily quota is spent (docs/contract.md#s7e). Never retried automatically. */
export class QuotaExceededError extends KjoretoyregisterError<RedactedBody> {
  override readonly code = 'KJR_QUOTA_EXCEEDED' as const;
  /** Milliseconds until the quota resets, from `Retry-After`. */
  readonly retryAfterMs?: number;
  readonly resetsAt?: Date;
  readonly gjenstaendeKvote?: number;
  constructor(
    message: string,
    init: {
      retryAfterMs?: number;
      resetsAt?: Date;
      gjenstaendeKvote?: number;
    } & KjoretoyregisterErrorOptions<RedactedBody> = {},
  ) {
    super(message, { status: 422, ...init, retryable: false });
    this.retryAfterMs = init.retryAfterMs;
    this.resetsAt = init.resetsAt;
    this.gjenstaendeKvote = init.gjenstaendeKvote;
  }
  /** Seconds, as in the `Retry-After` header. */
  get retryAfter(): number | undefined {
    return this.retryAfterMs === undefined ? undefined : Math.ceil(this.retryAfterMs / 1000);
  }
}

/** 429 whose `Retry-After` exceeded the ceiling, or retries ran out. */
export class RateLimitError extends KjoretoyregisterError<RedactedBody> {
  override readonly code = 'KJR_RATE_LIMITED' as const;
  readonly retryAfterMs?: number;
  constructor(message: string, init: { retryAfterMs?: number } & KjoretoyregisterErrorOptions<RedactedBody> = {}) {
    super(message, { status: 429, retryable: true, ...init });
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx or any status the contract does not describe. */
export class UpstreamError extends KjoretoyregisterError<RedactedBody> {
  override readonly code = 'KJR_UPSTREAM' as const;
  /** From a 502/503/504's `Retry-After`: the retry waits at least this long (within the ceiling). */
  readonly retryAfterMs?: number;
  constructor(message: string, init: { retryAfterMs?: number } & KjoretoyregisterErrorOptions<RedactedBody> = {}) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

export type TransportFailure = 'network' | 'timeout' | 'aborted';

/** The request never got an HTTP answer: network error, timeout or abort. */
export class TransportError extends KjoretoyregisterError<never> {
  override readonly code = 'KJR_TRANSPORT' as const;
  readonly failure: TransportFailure;
  constructor(message: string, init: { failure: TransportFailure } & KjoretoyregisterErrorOptions<never>) {
    super(message, { retryable: init.failure !== 'aborted', ...init });
    this.failure = init.failure;
  }
}

/** A 2xx body we cannot read (not JSON, or not the documented shape). */
export class ResponseFormatError extends KjoretoyregisterError<ResponseFormatDetails> {
  override readonly code = 'KJR_RESPONSE_FORMAT' as const;
  constructor(message: string, init: KjoretoyregisterErrorOptions<ResponseFormatDetails> = {}) {
    super(message, init);
  }
}

/** `requireAuditContext` is set and a call came without `{ actor, purpose, legalBasis }`. */
export class AuditContextRequiredError extends KjoretoyregisterError<never> {
  override readonly code = 'KJR_AUDIT_CONTEXT_REQUIRED' as const;
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`Audit context required: missing ${missing.join(', ')}`);
    this.missing = missing;
  }
}

/**
 * The audit sink's `begin` failed, so the register request was not sent: a lookup that cannot be
 * recorded first does not happen. Carries no `cause`: a storage error may quote the row it failed
 * to write, identifiers included, and errors end up in logs; the sink logs its own failure.
 */
export class AuditWriteError extends KjoretoyregisterError<never> {
  override readonly code = 'KJR_AUDIT_WRITE' as const;
  /** The `name` of what the sink threw (e.g. `DatabaseError`), for diagnosis without its message. */
  readonly sinkErrorName: string;
  constructor(sinkErrorName: string, init: KjoretoyregisterErrorOptions<never> = {}) {
    super(
      'The audit sink could not record the intent of a register request, so the request was not sent (the sink logs why)',
      { retryable: false, ...init },
    );
    this.sinkErrorName = sinkErrorName;
  }
}

/** The optional circuit breaker is open after repeated upstream failures. */
export class CircuitOpenError extends KjoretoyregisterError<never> {
  override readonly code = 'KJR_CIRCUIT_OPEN' as const;
  constructor(
    message = 'Circuit breaker is open after repeated upstream failures',
    init: KjoretoyregisterErrorOptions<never> = {},
  ) {
    super(message, { retryable: true, ...init });
  }
}

export type AnyKjoretoyregisterError =
  | ConfigurationError
  | ValidationError
  | MaskinportenError
  | FiksAuthenticationError
  | ForbiddenError
  | QuotaExceededError
  | RateLimitError
  | UpstreamError
  | TransportError
  | ResponseFormatError
  | AuditContextRequiredError
  | AuditWriteError
  | CircuitOpenError;

export function isKjoretoyregisterError(value: unknown): value is AnyKjoretoyregisterError {
  return value instanceof KjoretoyregisterError;
}
