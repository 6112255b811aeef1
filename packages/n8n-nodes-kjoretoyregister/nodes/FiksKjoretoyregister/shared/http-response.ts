/**
 * n8n's HTTP helpers answer in their own shapes: a full response object on success, and on a
 * non-2xx an error (NodeApiError) whose cause chain holds the axios response. Core's Transport
 * contract wants neither: it wants `{ status, headers (lower-cased), body: string }` for every
 * HTTP answer, so that core alone maps statuses to errors. Core's adapter kit turns headers and
 * bodies into its shape (and a request without an answer into its error, `transportErrorFrom`);
 * what is left here is where n8n puts them.
 */

import { bodyText, plainHeaders, type TransportRequest, type TransportResponse } from '@kjoretoyregister/core/host';
import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `helpers.httpRequest*` with `returnFullResponse: true`. */
export function fromFullResponse(response: unknown): TransportResponse {
  if (!isRecord(response) || typeof response['statusCode'] !== 'number') {
    return { status: 200, headers: {}, body: bodyText(response) };
  }
  return {
    status: response['statusCode'],
    headers: plainHeaders(response['headers']),
    body: bodyText(response['body']),
  };
}

/**
 * The HTTP answer inside a thrown error, if there was one: the error itself, its `cause`, and
 * so on a few levels down. Undefined means no answer arrived (network error, timeout, token step).
 */
export function responseFromError(error: unknown): TransportResponse | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth++) {
    const response = current['response'];
    if (isRecord(response) && typeof response['status'] === 'number') {
      return {
        status: response['status'],
        headers: plainHeaders(response['headers']),
        body: bodyText(response['data']),
      };
    }
    current = current['cause'];
  }
  return undefined;
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
