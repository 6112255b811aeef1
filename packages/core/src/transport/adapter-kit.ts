/**
 * What every `Transport` over a host's HTTP client needs (Nest's HttpService/axios, n8n's helpers,
 * core's own fetch): headers and body in core's shape, and "no HTTP answer" as core's
 * `TransportError` (docs/contract.md#s9.15). Written here once so the adapters cannot drift apart,
 * above all in redaction: an axios or n8n error carries the request config, and with it
 * `Authorization` and `IntegrasjonPassord` (docs/contract.md#s9.11).
 *
 * No Node globals (`process`, `Buffer`, timers, `console`): hosts that own the I/O build on this.
 */

import { isKjoretoyregisterError, TransportError, type AnyKjoretoyregisterError } from '../errors.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function headerValue(value: unknown): string | undefined {
  // AxiosHeaders marks an unset header with `false`.
  if (value === undefined || value === null || value === false) return undefined;
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** A `Headers`-like object (fetch, undici): iterate it rather than read its own properties. */
function isHeadersLike(value: Record<string, unknown>): value is Record<string, unknown> & {
  forEach(callback: (value: string, name: string) => void): void;
} {
  return typeof value['forEach'] === 'function' && typeof value['get'] === 'function';
}

/**
 * Lower-cased name → string value, as `TransportResponse.headers` wants them. Accepts plain objects,
 * AxiosHeaders (through `toJSON()`), `Headers`, and array values (joined with ", ", as HTTP
 * combines repeated fields). Anything else gives `{}`.
 */
export function plainHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  const add = (name: string, raw: unknown) => {
    const value = headerValue(raw);
    if (value === undefined) return;
    const key = name.toLowerCase();
    result[key] = result[key] === undefined ? value : `${result[key]}, ${value}`;
  };
  if (!isRecord(headers)) return result;
  if (isHeadersLike(headers)) {
    headers.forEach((value, name) => add(name, value));
    return result;
  }
  const source = typeof headers['toJSON'] === 'function' ? (headers['toJSON'] as () => unknown).call(headers) : headers;
  if (!isRecord(source)) return result;
  for (const [name, value] of Object.entries(source)) add(name, value);
  return result;
}

const utf8 = new TextDecoder('utf-8');

/**
 * The response body as text, as `TransportResponse.body` wants it: a string as is, bytes
 * (`Uint8Array`, Node's `Buffer`, `ArrayBuffer`, any typed-array view) decoded as UTF-8, a body the
 * host already parsed as JSON serialised again, and `null`/`undefined` as `''`.
 */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return utf8.decode(body);
  if (ArrayBuffer.isView(body)) return utf8.decode(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  // Only an interceptor or helper that parsed the body gets here; core reads text.
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return '';
  }
}

/** Socket and client timeouts: Node, axios, request and undici spell them differently. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const UNDICI_TIMEOUT_CODE = /^UND_ERR_[A-Z_]*TIMEOUT$/;
/** axios' cancellation (`CanceledError`). */
const CANCELED_CODE = 'ERR_CANCELED';
const ERROR_CODE = /^[A-Z][A-Z0-9_]+$/;
/** n8n's NodeApiError copies the socket code into `httpCode`, where an HTTP status may sit too. */
const SOCKET_CODE = /^E[A-Z_]+$/;
const MAX_CAUSE_DEPTH = 5;

/** The first error code in the cause chain: `code`, or a socket code in n8n's `httpCode`. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isRecord(current); depth++) {
    const code = current['code'];
    if (typeof code === 'string' && ERROR_CODE.test(code)) return code;
    const httpCode = current['httpCode'];
    if (typeof httpCode === 'string' && SOCKET_CODE.test(httpCode)) return httpCode;
    current = current['cause'];
  }
  return undefined;
}

function isNamed(value: unknown, name: string): boolean {
  return isRecord(value) && value['name'] === name;
}

/**
 * A stand-in for the original error that keeps only its name and code: never its message, config,
 * headers, URL or body, all of which may hold a secret or an identifier (docs/contract.md#s9.11,
 * docs/contract.md#s9.12).
 */
function sanitisedCause(error: unknown, code: string | undefined): Error {
  const name =
    error instanceof Error
      ? error.name
      : isRecord(error) && typeof error['name'] === 'string'
        ? error['name']
        : typeof error;
  const cause = new Error(code ?? name);
  cause.name = name;
  if (code !== undefined) Object.assign(cause, { code });
  return cause;
}

function failureOf(error: unknown, signal: AbortSignal | undefined, code: string | undefined) {
  // Our own signal decides first: hosts differ in how they report an abort.
  if (signal?.aborted) return isNamed(signal.reason, 'TimeoutError') ? 'timeout' : 'aborted';
  if (isNamed(error, 'TimeoutError')) return 'timeout';
  if (code !== undefined && (TIMEOUT_CODES.has(code) || UNDICI_TIMEOUT_CODE.test(code))) return 'timeout';
  if (isNamed(error, 'AbortError') || code === CANCELED_CODE) return 'aborted';
  return 'network';
}

/**
 * A request that ended without an HTTP answer, as core's error: a core error passes through as is;
 * otherwise a `TransportError` with `failure` `'timeout'` (the signal's `TimeoutError`, a
 * `TimeoutError`, ECONNABORTED/ETIMEDOUT/ESOCKETTIMEDOUT or undici's UND_ERR_*_TIMEOUT),
 * `'aborted'` (the signal, an `AbortError`, axios' ERR_CANCELED) or `'network'`. The message holds
 * at most the error code; the `cause` is always a sanitised stand-in (name and code only).
 *
 * `what` names the request in the message, e.g. `'Maskinporten token request'` (default `'Request'`).
 */
export function transportErrorFrom(
  error: unknown,
  signal: AbortSignal | undefined,
  options: { what?: string } = {},
): AnyKjoretoyregisterError {
  if (isKjoretoyregisterError(error)) return error;
  const code = errorCode(error);
  const failure = failureOf(error, signal, code);
  const what = options.what;
  const suffix = code ? ` (${code})` : '';
  const message =
    failure === 'timeout'
      ? `${what ?? 'Request'} timed out`
      : failure === 'aborted'
        ? `${what ?? 'Request'} aborted`
        : what
          ? `${what} failed: network error${suffix}`
          : `Network error${suffix}`;
  return new TransportError(message, { failure, cause: sanitisedCause(error, code) });
}
