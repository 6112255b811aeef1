/** The SVV layer's request and result shapes, shared with the platform's HTTP server. */

export interface SvvRequest {
  method: string;
  /** Path after `/rest/distribusjon/kjoretoy/v2.0`, e.g. `/bulk/kjennemerke` or `/sok/eiernavn`. */
  path: string;
  query: URLSearchParams;
  body?: string;
}

export interface SvvOptions {
  /** Largest bulk request accepted (docs/contract.md#s7c). */
  maxBulkSize: number;
  /**
   * The simulator's clock. No answer depends on it today: the register's history is fixed and
   * ends 2025-12-01, so a DTG after that already sees the current state.
   */
  now?: () => Date;
}

export interface SvvResult {
  status: number;
  /** JSON-serialisable; undefined for 204 and for a plain 404. */
  body?: unknown;
  headers?: Record<string, string>;
  /** For quotas and statistics: bulk items plus vehicles returned by searches. */
  itemsLookedUp: number;
}
