/**
 * Which Kjøretøyregister requests reached the register (the SVV handler ran, so data may have been
 * disclosed), with the `requestId` header each carried. An auditing client can then prove "every
 * request the register served has an audit record" by request id rather than by count. Requests
 * refused before the register (authentication, platform faults) are not served and not listed.
 * Identifiers never enter it: the route is a template and `requestId` is the client's correlation id.
 */

export interface ServedRequest {
  /** `"<METHOD> <route template>"`, the same key as in `stats().routes`. */
  route: string;
  /** The `requestId` header as sent (trimmed to 200 characters), or null when there was none. */
  requestId: string | null;
  /** The register's answer status (body faults may still cut the body short on the wire). */
  status: number;
  itemsLookedUp: number;
}

export interface ServedRequests {
  /** Oldest first; at most `limit` entries, the newest kept. */
  requests: ServedRequest[];
  /** Entries dropped because the log was full. */
  dropped: number;
  limit: number;
}

/** docs/contract.md#s3: the optional `requestId` correlation header (Node lowercases header names). */
export const REQUEST_ID_HEADER = 'requestid';
const REQUEST_ID_MAX = 200;
export const SERVED_REQUESTS_LIMIT = 100_000;

/** A bounded ring: a long benchmark run must not grow the simulator's heap without end. */
export class ServedRequestLog {
  private entries: ServedRequest[] = [];
  private start = 0;
  private dropped = 0;

  constructor(private readonly limit: number = SERVED_REQUESTS_LIMIT) {}

  record(route: string, requestIdHeader: string | string[] | undefined, status: number, itemsLookedUp: number): void {
    const raw = Array.isArray(requestIdHeader) ? requestIdHeader[0] : requestIdHeader;
    const entry: ServedRequest = {
      route,
      requestId: raw === undefined ? null : raw.slice(0, REQUEST_ID_MAX),
      status,
      itemsLookedUp,
    };
    if (this.entries.length < this.limit) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.limit;
    this.dropped += 1;
  }

  snapshot(): ServedRequests {
    const requests = [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)].map((e) => ({ ...e }));
    return { requests, dropped: this.dropped, limit: this.limit };
  }

  reset(): void {
    this.entries = [];
    this.start = 0;
    this.dropped = 0;
  }
}
