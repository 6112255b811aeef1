/**
 * What a route answers, before response faults (truncation, malformed JSON, slow body) are
 * applied by the writer. Keeping handlers free of `ServerResponse` makes them testable and lets
 * one place own every byte that goes on the wire.
 */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** Undefined means no body (e.g. 204). */
  body?: string;
  /** Response faults the writer applies on the wire. */
  delivery?: BodyDelivery;
}

export interface BodyDelivery {
  truncate?: boolean;
  malform?: boolean;
  slow?: { chunkDelayMs: number; chunks: number };
}

/** Destroy the connection instead of answering (fault: connection reset). */
interface ConnectionReset {
  reset: true;
}

export type RouteOutcome = SimResponse | ConnectionReset;

export function isConnectionReset(outcome: RouteOutcome): outcome is ConnectionReset {
  return 'reset' in outcome;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers };
}
