import type { HttpMethod } from './transport.js';

/**
 * What operations see of the request pipeline: one authenticated Fiks call. The pipeline adds
 * headers, the request id, timeout, retries, the 401 refresh-once path and error mapping; a
 * non-2xx answer never reaches an operation, it arrives as a typed error.
 */
export interface FiksCall {
  method: HttpMethod;
  /**
   * The route template after the v2.0 prefix, e.g. `/bulk/understellsnummer/{understellsnummer}`.
   * This is what logs and traces carry, never the concrete path (docs/contract.md#s9.12).
   */
  route: string;
  /** The concrete path after the v2.0 prefix, every segment already encoded. */
  path: string;
  /** Query parameters; `undefined` values are dropped. Encoded by the pipeline (`+` → `%2B`). */
  query?: Record<string, string | undefined>;
  /** JSON body for POST. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether transient failures (network, 502/503/504, 429) may be retried. GETs are; bulk POSTs
   * only when `retryBulkPost` is set, because a retried POST may spend quota twice (docs/contract.md#s9.9).
   */
  retryable: boolean;
  /**
   * The id to send in the `requestId` header; the pipeline makes one when absent. Operations pass
   * the id they already gave the write-ahead audit intent (operations/audit-emitter.ts).
   */
  requestId?: string;
}

export interface FiksResult {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or `undefined` for 204 or an empty body. */
  body: unknown;
  requestId: string;
}

export interface FiksRequester {
  call(call: FiksCall): Promise<FiksResult>;
}
