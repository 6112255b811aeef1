/**
 * n8n's HTTP helpers answer in their own shapes: a full response object on success, and on a
 * non-2xx an error (NodeApiError) whose cause chain holds the axios response. Core's Transport
 * contract wants neither: it wants `{ status, headers (lower-cased), body: string }` for every
 * HTTP answer, so that core alone maps statuses to errors.
 */

import { TransportError, type TransportRequest, type TransportResponse } from '@kjoretoyregister/core';
import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

interface ResponseLike {
  status: number;
  headers?: unknown;
  data?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isRecord(headers)) return result;
  // axios hands back an AxiosHeaders instance; toJSON() gives its plain form.
  const source = typeof headers['toJSON'] === 'function' ? (headers['toJSON'] as () => unknown)() : headers;
  if (!isRecord(source)) return result;
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return result;
}

export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  // A helper that parsed JSON despite `json: false`: hand core the text again.
  return JSON.stringify(body);
}

/** `helpers.httpRequest*` with `returnFullResponse: true`. */
export function fromFullResponse(response: unknown): TransportResponse {
  if (!isRecord(response) || typeof response['statusCode'] !== 'number') {
    return { status: 200, headers: {}, body: bodyText(response) };
  }
  return {
    status: response['statusCode'],
    headers: lowerCaseHeaders(response['headers']),
    body: bodyText(response['body']),
  };
}

function responseOf(value: unknown): ResponseLike | undefined {
  if (!isRecord(value)) return undefined;
  const response = value['response'];
  if (isRecord(response) && typeof response['status'] === 'number') return response as unknown as ResponseLike;
  return undefined;
}

/**
 * The HTTP answer inside a thrown error, if there was one: the error itself, its `cause`, and
 * so on a few levels down. Undefined means no answer arrived (network error, timeout, token step).
 */
export function responseFromError(error: unknown): TransportResponse | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth++) {
    const response = responseOf(current);
    if (response) {
      return { status: response.status, headers: lowerCaseHeaders(response.headers), body: bodyText(response.data) };
    }
    current = current['cause'];
  }
  return undefined;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** The socket error code: axios's `code`, or the `httpCode` NodeApiError copies it into. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth++) {
    for (const key of ['code', 'httpCode']) {
      const code = current[key];
      if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    }
    current = current['cause'];
  }
  return undefined;
}

/**
 * No HTTP answer arrived: core's TransportError, as its own transport would raise it. Only the
 * error code is kept in the message; helper messages may quote the URL, and a VIN sits in one
 * (docs/contract.md#s9.12).
 */
export function networkFailure(error: unknown, signal?: AbortSignal): TransportError {
  if (signal?.aborted) return new TransportError('Request aborted', { failure: 'aborted', cause: error });
  const code = errorCode(error);
  const failure = code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
  return new TransportError(
    `${failure === 'timeout' ? 'Request timed out' : 'Network error'}${code ? ` (${code})` : ''}`,
    {
      failure,
      cause: error,
    },
  );
}

/**
 * n8n request options that hand every HTTP status back as an answer with the raw body text, so
 * core maps statuses itself (both the token call and the authenticated Fiks calls use this).
 */
export function rawRequestOptions(
  request: TransportRequest,
  headers: Record<string, string>,
  timeoutMs: number,
): IHttpRequestOptions {
  return {
    method: request.method as IHttpRequestMethods,
    url: request.url,
    headers,
    body: request.body,
    json: false,
    encoding: 'text',
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
    disableFollowRedirect: true,
    timeout: timeoutMs,
  };
}
