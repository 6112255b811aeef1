/**
 * Core's Transport over n8n's `httpRequestWithAuthentication`: the node's only HTTP path.
 *
 * How it fits n8n-core 2.8 (read in its request-helper-functions and n8n-workflow's errors):
 * - A thrown non-2xx reaches us as a NodeApiError that has lost the response (its `cause` field
 *   is overwritten), so core could not read Retry-After, errorId, svvguid or the 401 text.
 *   Requests therefore use `ignoreHttpStatusErrors`: every status comes back in full, and core
 *   alone maps statuses to errors (docs/contract.md#s3.5, docs/contract.md#s7e, docs/contract.md#s7f).
 * - n8n refreshes the expirable token only when a request *throws* with status 401: it runs the
 *   credential's `preAuthentication` again, stores the token and retries once. So when Fiks
 *   rejects the token («Klarte ikke å validere access_token», docs/contract.md#s3.5), we send a harmless
 *   probe (the `kjoretoy doctor` search for the not-found plate) in throwing mode; its 401 makes
 *   n8n fetch and store a new token. The original request is then sent once more, with the new
 *   token. A bulk POST is thus never repeated after it got past Fiks authentication (docs/contract.md#s9.9).
 * - The first Fiks request of an execution runs alone: n8n keeps the token in the credential
 *   record, and concurrent bulk chunks started before it is stored would each fetch their own.
 * - A stored token that has expired (or is about to, token-expiry.ts) is not sent at all: the
 *   request goes with the credential's data and an empty expirable field
 *   (`additionalCredentialOptions.credentialsDecrypted`), and for an empty field n8n runs
 *   `preAuthentication` first and stores the new token, as it does for a new credential. One Fiks
 *   request instead of a 401, a probe, the probe's retry and the request again.
 * - Only the transport knows whether a request left n8n: when the token step fails, nothing was
 *   sent to Fiks, although core has already given the call a request id. `wasSent` answers that,
 *   so errors quote a request id only when Fiks can have seen it.
 */

import type { IAdditionalCredentialOptions, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import {
  fiksProbeUrl,
  isTokenRejection,
  transportErrorFrom,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  untilAborted,
} from '@kjoretoyregister/core/host';
import { CREDENTIAL_TYPE } from '../../shared/credential-data.js';
import { fromFullResponse, rawRequestOptions } from '../../shared/http-response.js';
import { findTokenFailure, toCoreError } from '../../shared/token-failure.js';
import { isStoredTokenStale } from '../../shared/token-expiry.js';

/** Set by the credential's `authenticate`; core's copies are dropped so each has one source. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'integrasjonid', 'integrasjonpassord']);

export interface N8nTransportOptions {
  /** Where the refresh probe goes (core's `fiksProbeUrl`): `https://api.fiks.test.ks.no` or a custom host. */
  fiksApiUrl: string;
  fiksOrgId: string;
  /** Per-request timeout, passed to n8n (which replaces our AbortSignal with its own cancel signal). */
  timeoutMs: number;
}

export interface N8nTransport extends Transport {
  /** Whether a Fiks request with this core request id left n8n (false when only its token step ran). */
  wasSent(requestId: string): boolean;
}

/** Core's `requestId` header (docs/contract.md#s3.1), whatever its case. */
function requestIdOf(headers: Record<string, string>): string | undefined {
  return Object.entries(headers).find(([name]) => name.toLowerCase() === 'requestid')?.[1];
}

function withoutCredentialHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}

export function createN8nTransport(context: IExecuteFunctions, options: N8nTransportOptions): N8nTransport {
  const call = (request: IHttpRequestOptions, credentials?: IAdditionalCredentialOptions): Promise<unknown> =>
    context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, credentials);
  const sent = new Set<string>();

  /**
   * Undefined while the stored token is usable: n8n then reads the credential itself, as always.
   * Otherwise the credential's data with the expirable field emptied, so n8n fetches a new token
   * before sending (and stores it in the credential, as for a new credential).
   */
  async function refreshedCredentials(): Promise<IAdditionalCredentialOptions | undefined> {
    const data = await context.getCredentials(CREDENTIAL_TYPE);
    if (!isStoredTokenStale(data['accessToken'], Date.now())) return undefined;
    const stored = context.getNode().credentials?.[CREDENTIAL_TYPE];
    return {
      credentialsDecrypted: {
        id: stored?.id ?? '',
        name: stored?.name ?? '',
        type: CREDENTIAL_TYPE,
        data: { ...data, accessToken: '' },
      },
    };
  }

  /** One request; every HTTP status is an answer. Token-step failures become core errors. */
  async function sendOnce(request: TransportRequest): Promise<TransportResponse> {
    const requestId = requestIdOf(request.headers);
    const credentials = await refreshedCredentials();
    try {
      const response = await untilAborted(
        call(rawRequestOptions(request, withoutCredentialHeaders(request.headers), options.timeoutMs), credentials),
        request.signal,
      );
      if (requestId !== undefined) sent.add(requestId);
      return fromFullResponse(response);
    } catch (error) {
      const tokenFailure = findTokenFailure(error);
      if (tokenFailure) throw toCoreError(tokenFailure);
      // No answer, but the request may have reached Fiks (a timeout, a reset connection).
      if (requestId !== undefined) sent.add(requestId);
      // Core sanitises the cause: n8n's error holds the request headers, credentials included.
      throw transportErrorFrom(error, request.signal);
    }
  }

  /** Throwing mode on purpose: its 401 is what makes n8n refresh and store the token. */
  async function refreshToken(signal: AbortSignal | undefined): Promise<void> {
    try {
      await untilAborted(
        call({
          method: 'GET',
          // Core's probe (docs/contract.md#s6): an exact search for the not-found plate, no quota spent.
          url: fiksProbeUrl(options),
          headers: { Accept: 'application/json' },
          json: false,
          encoding: 'text',
          disableFollowRedirect: true,
          timeout: options.timeoutMs,
        }),
        signal,
      );
    } catch (error) {
      // Only a failed token step matters here; any other answer to the probe is not ours to
      // report, and the original request, sent next, gets its own.
      const tokenFailure = findTokenFailure(error);
      if (tokenFailure) throw toCoreError(tokenFailure);
    }
  }

  async function send(request: TransportRequest): Promise<TransportResponse> {
    const response = await sendOnce(request);
    if (!isTokenRejection(response)) return response;
    await refreshToken(request.signal);
    return sendOnce(request);
  }

  let first: Promise<unknown> | undefined;
  return {
    wasSent: (requestId) => sent.has(requestId),
    async send(request) {
      if (request.target !== 'fiks') {
        // The token is n8n's job (credential preAuthentication); core never asks for one here.
        throw new Error('The n8n transport only carries Fiks requests');
      }
      const previous = first;
      const sending = (async () => {
        if (previous) await previous.catch(() => undefined);
        return send(request);
      })();
      first ??= sending;
      return sending;
    },
  };
}
