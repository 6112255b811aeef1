/**
 * The TokenProvider the request pipeline uses: a fresh grant per token request, one POST per
 * cache miss, shared by concurrent callers (docs/contract.md#s2, docs/contract.md#s9.1 to docs/contract.md#s9.4).
 */

import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_SCOPE, DEFAULT_TOKEN_TIMEOUT_MS } from '../config/presets.js';
import { ConfigurationError, isKjoretoyregisterError, MaskinportenError, type ConfigurationIssue } from '../errors.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { Transport } from '../transport/transport.js';
import { createGrant, grantIssues } from './grant.js';
import type { KeyMaterial } from './key-material.js';
import { normaliseScopes } from './scope.js';
import { TokenCache, tokenCacheKey, type FetchedToken } from './token-cache.js';
import { requestToken } from './token-client.js';
import type { AccessToken, TokenProvider } from './token-provider.js';

export interface MaskinportenTokenProviderOptions {
  keyMaterial: KeyMaterial;
  /** Maskinporten `client_id` ("Integrasjonens identifikator"). */
  clientId: string;
  /** Default `ks:fiks`. */
  scope?: string | string[];
  /** Maskinporten issuer with its trailing slash; sent as the grant `aud` (docs/contract.md#s2.1). */
  issuer: string;
  tokenUrl: string;
  consumerOrg?: string;
  resource?: string;
  transport: Transport;
  clock?: Clock;
  /** Default 10 s. Used only when the provider creates its own cache (no `cache` given). */
  expiryMarginMs?: number;
  /** Per token POST. Default 10 s. */
  timeoutMs?: number;
  logger?: Logger;
  /** Share one cache between providers; entries are keyed per client, scope and environment. */
  cache?: TokenCache;
}

export class MaskinportenTokenProvider implements TokenProvider {
  private readonly options: MaskinportenTokenProviderOptions;
  private readonly scopes: string[];
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly cache: TokenCache;
  private readonly cacheKey: string;
  private readonly timeoutMs: number;
  private requests = 0;

  constructor(options: MaskinportenTokenProviderOptions) {
    const issues = optionIssues(options);
    if (issues.length > 0) throw new ConfigurationError(issues);
    this.options = options;
    this.scopes = normaliseScopes(options.scope ?? DEFAULT_SCOPE);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    this.cache =
      options.cache ??
      new TokenCache({
        clock: this.clock,
        expiryMarginMs: options.expiryMarginMs,
      });
    this.cacheKey = tokenCacheKey({
      tokenUrl: options.tokenUrl,
      audience: options.issuer,
      clientId: options.clientId,
      scope: this.scopes,
      consumerOrg: options.consumerOrg,
      resource: options.resource,
    });
  }

  /** Token POSTs made so far (cache misses that reached the network). */
  get tokenRequestCount(): number {
    return this.requests;
  }

  /**
   * The caller's `signal` stops only this caller's wait; the shared request keeps its own
   * timeout so one impatient caller cannot fail everyone waiting on the same token.
   */
  getToken(options: { signal?: AbortSignal } = {}): Promise<AccessToken> {
    return this.cache.get(this.cacheKey, () => this.fetchToken(), {
      signal: options.signal,
    });
  }

  invalidate(token?: AccessToken): void {
    this.cache.invalidate(this.cacheKey, token);
  }

  private async fetchToken(): Promise<FetchedToken> {
    const assertion = await createGrant({
      key: this.options.keyMaterial,
      audience: this.options.issuer,
      clientId: this.options.clientId,
      scope: this.scopes,
      consumerOrg: this.options.consumerOrg,
      resource: this.options.resource,
      clock: this.clock,
    });
    this.requests++;
    const started = performance.now();
    try {
      const response = await requestToken({
        transport: this.options.transport,
        tokenUrl: this.options.tokenUrl,
        assertion,
        timeoutMs: this.timeoutMs,
      });
      this.logger.info('maskinporten token fetched', {
        expiresIn: response.expiresIn,
        durationMs: Math.round(performance.now() - started),
      });
      return response;
    } catch (error) {
      this.logger.debug('maskinporten token request failed', {
        code: isKjoretoyregisterError(error) ? error.code : 'UNKNOWN',
        status: isKjoretoyregisterError(error) ? error.status : undefined,
        mpCode: error instanceof MaskinportenError ? error.mpCode : undefined,
        durationMs: Math.round(performance.now() - started),
      });
      throw error;
    }
  }
}

function optionIssues(options: MaskinportenTokenProviderOptions): ConfigurationIssue[] {
  const issues = grantIssues({
    key: options.keyMaterial,
    audience: options.issuer,
    clientId: options.clientId,
    scope: options.scope ?? DEFAULT_SCOPE,
    consumerOrg: options.consumerOrg,
    resource: options.resource,
  });
  if (!options.keyMaterial || !options.keyMaterial.privateKey) {
    issues.push({
      path: 'keyMaterial',
      message: 'is required: load it with loadKeyMaterial()',
    });
  }
  if (!isHttpUrl(options.tokenUrl)) {
    issues.push({ path: 'tokenUrl', message: 'must be an http(s) URL' });
  }
  if (!options.transport || typeof options.transport.send !== 'function') {
    issues.push({ path: 'transport', message: 'is required' });
  }
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    issues.push({
      path: 'timeoutMs',
      message: 'must be a positive number of milliseconds',
    });
  }
  if (
    options.expiryMarginMs !== undefined &&
    !(Number.isFinite(options.expiryMarginMs) && options.expiryMarginMs >= 0)
  ) {
    issues.push({
      path: 'expiryMarginMs',
      message: 'must be zero or a positive number of milliseconds',
    });
  }
  return issues;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
