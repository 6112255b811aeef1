/**
 * The token fetch, written once: load the key → sign a fresh grant → POST it (docs/contract.md#s2.2 to
 * docs/contract.md#s2.5). `MaskinportenTokenProvider` (behind its cache) and `fetchMaskinportenToken`
 * (one-shot, for hosts that keep the token themselves) both run these steps.
 */

import type { Clock } from '../clock.js';
import type { KeyMaterialOption } from '../config/options.js';
import { isKjoretoyregisterError, MaskinportenError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Transport } from '../transport/transport.js';
import { createGrant } from './grant.js';
import { loadKeyMaterial, type KeyMaterial, type KeyMaterialInput } from './key-material.js';
import type { ReadKeyFile } from './key-source.js';
import { requestToken, type TokenResponse } from './token-client.js';

/** Issue paths of key problems name the client option, so every host can map them to its own field. */
export const KEY_MATERIAL_OPTION_PATH = 'maskinporten.keyMaterial';

/**
 * Step 1: the `maskinporten.keyMaterial` option as a loaded key (password checked; files read only
 * when the entry point passes `readFile`).
 */
export function loadConfiguredKey(
  option: KeyMaterialOption,
  clock: Clock,
  readFile: ReadKeyFile | undefined,
): Promise<KeyMaterial> {
  // The schema types a JWK object as a plain record; loadKeyMaterial checks its fields itself.
  const input = { ...option, clock } as KeyMaterialInput;
  return loadKeyMaterial(input, { optionPath: KEY_MATERIAL_OPTION_PATH, readFile });
}

export interface TokenStepsParams {
  /** Step 1, deferred: the provider hands over its loaded key, the one-shot fetch loads it here. */
  loadKey: () => Promise<KeyMaterial>;
  clientId: string;
  scope: readonly string[];
  /** The grant `aud`: the issuer with its trailing slash (docs/contract.md#s2.1). */
  issuer: string;
  tokenUrl: string;
  consumerOrg?: string;
  resource?: string;
  transport: Transport;
  clock: Clock;
  timeoutMs?: number;
  signal?: AbortSignal;
  logger?: Logger;
}

/** Steps 1 to 3. Logs duration and outcome, never the grant or the token (docs/contract.md#s9.11). */
export async function runTokenSteps(params: TokenStepsParams): Promise<TokenResponse> {
  const key = await params.loadKey();
  const assertion = await createGrant({
    key,
    audience: params.issuer,
    clientId: params.clientId,
    scope: params.scope,
    consumerOrg: params.consumerOrg,
    resource: params.resource,
    clock: params.clock,
  });
  // The injected clock, not performance.now(): hosts that own time (n8n) give us nothing else.
  const started = params.clock.now();
  try {
    const response = await requestToken({
      transport: params.transport,
      tokenUrl: params.tokenUrl,
      assertion,
      timeoutMs: params.timeoutMs,
      signal: params.signal,
    });
    params.logger?.info('maskinporten token fetched', {
      expiresIn: response.expiresIn,
      durationMs: params.clock.now() - started,
    });
    return response;
  } catch (error) {
    params.logger?.debug('maskinporten token request failed', {
      code: isKjoretoyregisterError(error) ? error.code : 'UNKNOWN',
      status: isKjoretoyregisterError(error) ? error.status : undefined,
      mpCode: error instanceof MaskinportenError ? error.mpCode : undefined,
      durationMs: params.clock.now() - started,
    });
    throw error;
  }
}
