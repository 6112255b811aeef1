/**
 * Core Transports over the HTTP helpers n8n gives a credential: `helpers.httpRequest` in
 * `preAuthentication`, and only the legacy `helpers.request` in a credential test
 * (ICredentialTestFunctions in n8n 2.8). Both hand every HTTP status to core, which alone maps
 * statuses to typed errors (Maskinporten codes, Fiks 401 kinds, quota).
 */

import type { IHttpRequestHelper } from 'n8n-workflow';
import { DEFAULT_TOKEN_TIMEOUT_MS, transportErrorFrom, type Transport } from '@kjoretoyregister/core';
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

/** The signature of ICredentialTestFunctions' `helpers.request`. */
export type LegacyRequest = (options: object) => Promise<unknown>;

export function legacyRequestTransport(request: LegacyRequest, timeoutMs = DEFAULT_TOKEN_TIMEOUT_MS): Transport {
  return {
    async send(call) {
      try {
        const response = await request({
          method: call.method,
          uri: call.url,
          headers: call.headers,
          ...(call.body === undefined ? {} : { body: call.body }),
          json: false,
          resolveWithFullResponse: true,
          simple: false,
          followRedirect: false,
          timeout: timeoutMs,
        });
        return fromFullResponse(response);
      } catch (error) {
        const response = responseFromError(error);
        if (response) return response;
        throw transportErrorFrom(error, call.signal);
      }
    },
  };
}
