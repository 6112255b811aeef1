/**
 * One core client per execution, built from the credential. Core does everything it does for
 * any other adapter (validation, chunking, retries, envelope parsing, error mapping); n8n owns
 * only the token, so core gets a token provider that hands out a placeholder and never caches.
 */

import type { IExecuteFunctions } from 'n8n-workflow';
import {
  DEFAULT_TIMEOUT_MS,
  createKjoretoyregisterClient,
  type AccessToken,
  type KjoretoyregisterClient,
  type TokenProvider,
} from '@kjoretoyregister/core';
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
    tokenProvider: n8nManagedToken,
    ...(options.maxBulkSize === undefined ? {} : { maxBulkSize: options.maxBulkSize }),
  });
  return { client, wasSent: (requestId) => transport.wasSent(requestId) };
}
