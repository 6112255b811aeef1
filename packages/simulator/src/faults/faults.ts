/**
 * The fault catalogue (README "Fault catalogue"). Counters ("the next N", "every Nth") are
 * preferred over rates so tests can be exact; `rate` draws from the simulator's seeded PRNG.
 */

/** When a global fault fires. All given fields must hold; none given means every request. */
export interface FaultTrigger {
  /** Fire for at most this many more requests, then stop. */
  times?: number;
  /** Fire on every Nth request that reaches this fault (N, 2N, …). */
  everyNth?: number;
  /** Fire with this probability (0..1), drawn from the seeded PRNG. */
  rate?: number;
}

/** `true` = every request, `false` = off, an object narrows it. */
export type Trigger = boolean | FaultTrigger;

export type ServerErrorStatus = 500 | 502 | 503;

export interface Faults {
  /** Added before every Maskinporten and Fiks request is handled. */
  latency?: { fixedMs: number; jitterMs?: number };
  /** Fiks API answers 5xx with an SVV error body and `svvguid` header (docs/contract.md#s7f). */
  serverError?: { status: ServerErrorStatus } & FaultTrigger;
  /** Fiks API answers 429 + Retry-After (docs/contract.md#s7e). */
  rateLimited?: { retryAfterSeconds: number } & FaultTrigger;
  /** At most `requests` Fiks calls per integration per fixed window; beyond → 429 (docs/contract.md#s7e). */
  burstLimit?: { requests: number; windowSeconds: number };
  /** Fiks API answers 422 + Retry-After (seconds to Oslo midnight) as if the quota were spent. */
  quotaExceeded?: Trigger;
  /** Items looked up per integration per Oslo day; a request taking the total over → 422. */
  quota?: { dailyItems: number };
  /** The socket is destroyed without an answer. */
  connectionReset?: Trigger;
  /** The JSON body is cut in half (Content-Length matches the cut body). */
  truncatedJson?: Trigger;
  /** The JSON body gets a syntax error. */
  malformedJson?: Trigger;
  /** The body is written in `chunks` parts with `chunkDelayMs` between them. */
  slowBody?: { chunkDelayMs: number; chunks?: number } & FaultTrigger;
  /** POST /token answers 503 `temporarily_unavailable`. */
  tokenEndpointDown?: Trigger;
  /** Fiks answers 401 «Klarte ikke å validere access_token» as if the token had been revoked. */
  tokenRevoked?: Trigger;
  /** Shifts the simulator's own "now" (Maskinporten and Fiks checks, issued tokens, quota day). */
  clockSkewSeconds?: number;
}

/** Faults that fire per request according to a trigger. */
export type TriggeredFaultKind =
  | 'serverError'
  | 'rateLimited'
  | 'quotaExceeded'
  | 'connectionReset'
  | 'truncatedJson'
  | 'malformedJson'
  | 'slowBody'
  | 'tokenEndpointDown'
  | 'tokenRevoked';

export const TRIGGERED_FAULT_KINDS: readonly TriggeredFaultKind[] = [
  'serverError',
  'rateLimited',
  'quotaExceeded',
  'connectionReset',
  'truncatedJson',
  'malformedJson',
  'slowBody',
  'tokenEndpointDown',
  'tokenRevoked',
];

/** Every kind counted in `stats().faults`. */
export type FaultKind = TriggeredFaultKind | 'latency' | 'quota' | 'burstLimit';

export const DEFAULT_SLOW_BODY_CHUNKS = 4;
