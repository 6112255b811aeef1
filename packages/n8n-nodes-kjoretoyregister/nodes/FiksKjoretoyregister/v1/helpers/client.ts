/**
 * One core client per execution, built from the credential. Core does everything it does for
 * any other adapter (validation, chunking, retries, envelope parsing, error mapping); n8n owns
 * only the token, so core gets a token provider that hands out a placeholder and never caches.
 */

import { sleep, type IExecuteFunctions } from 'n8n-workflow';
import {
  DEFAULT_TIMEOUT_MS,
  createKjoretoyregisterClient,
  untilAborted,
  type AccessToken,
  type KjoretoyregisterClient,
  type Sleep,
  type TokenProvider,
} from '@kjoretoyregister/core/host';
import { CREDENTIAL_TYPE, clientOptionsOf, readCredentialData } from '../../shared/credential-data.js';
import { createN8nTransport } from '../transport/index.js';

/**
 * The real bearer token is set by the credential's `authenticate` (and refreshed by n8n on a
 * 401); the transport drops core's Authorization header, so this value never leaves the process.
 * `invalidate` has nothing to evict: n8n refreshes the stored token itself.
 */
export const n8nManagedToken: TokenProvider = {
  async getToken(): Promise<AccessToken> {
    return { value: 'managed-by-n8n', expiresAt: Number.MAX_SAFE_INTEGER, expiresIn: 0 };
  },
  invalidate() {
    // n8n owns the token (see above).
  },
};

/**
 * Core's backoff wait on n8n's own `sleep` (a community node may not schedule timers itself).
 * n8n-workflow 2.41 has no abortable sleep, so an abort ends the wait here with the signal's
 * reason, as core's Sleep contract asks; the timer itself runs out harmlessly (at most core's
 * retry ceiling).
 */
export const n8nSleep: Sleep = (ms, signal) => untilAborted(sleep(ms), signal);

export interface NodeClientOptions {
  maxBulkSize?: number;
}

export interface NodeClient {
  client: KjoretoyregisterClient;
  /** Whether a request with this core request id reached the network (the transport's `wasSent`). */
  wasSent(requestId: string): boolean;
}

export async function createNodeClient(
  context: IExecuteFunctions,
  options: NodeClientOptions = {},
): Promise<NodeClient> {
  const fiks = clientOptionsOf(readCredentialData(await context.getCredentials(CREDENTIAL_TYPE)));
  const transport = createN8nTransport(context, {
    fiksApiUrl: fiks.fiksApiUrl,
    fiksOrgId: fiks.fiksOrgId,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  });
  const client = createKjoretoyregisterClient({
    ...fiks,
    transport,
    sleep: n8nSleep,
    tokenProvider: n8nManagedToken,
    ...(options.maxBulkSize === undefined ? {} : { maxBulkSize: options.maxBulkSize }),
  });
  return { client, wasSent: (requestId) => transport.wasSent(requestId) };
}
