/**
 * The one seam adapters replace: the NestJS module plugs `HttpService`, the n8n node plugs
 * `httpRequestWithAuthentication`. Everything above it (auth, retries, error mapping) stays in core.
 */

export type HttpMethod = 'GET' | 'POST';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL, already path- and query-encoded. */
  url: string;
  headers: Record<string, string>;
  /** Serialised body (JSON or form-encoded). */
  body?: string;
  /** Aborts the request: per-request timeout combined with the caller's signal. */
  signal?: AbortSignal;
  /** Which upstream this request goes to; adapters may treat them differently (n8n authenticates only `fiks`). */
  target: 'maskinporten' | 'fiks';
}

export interface TransportResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Raw body text; empty string for a bodiless response. */
  body: string;
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Release sockets and timers. Optional. */
  close?(): Promise<void>;
}
