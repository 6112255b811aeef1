/**
 * A core Transport over the HTTP helper n8n gives a credential's `preAuthentication`
 * (`helpers.httpRequest`). It hands every HTTP status to core, which alone maps statuses to typed
 * errors (Maskinporten codes, Fiks 401 kinds, quota).
 */

import type { IHttpRequestHelper } from 'n8n-workflow';
import { DEFAULT_TOKEN_TIMEOUT_MS, transportErrorFrom, type Transport } from '@kjoretoyregister/core/host';
import { fromFullResponse, rawRequestOptions, responseFromError } from './http-response.js';

export function httpRequestTransport(helper: IHttpRequestHelper, timeoutMs = DEFAULT_TOKEN_TIMEOUT_MS): Transport {
  return {
    async send(request) {
      try {
        const response: unknown = await helper.helpers.httpRequest(
          rawRequestOptions(request, request.headers, timeoutMs),
        );
        return fromFullResponse(response);
      } catch (error) {
        const response = responseFromError(error);
        if (response) return response;
        throw transportErrorFrom(error, request.signal);
      }
    },
  };
}
