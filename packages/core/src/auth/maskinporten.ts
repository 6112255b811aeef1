/**
 * The TokenProvider the request pipeline uses: a fresh grant per token request, one POST per
 * cache miss, shared by concurrent callers (docs/contract.md#s2, docs/contract.md#s9.1 to docs/contract.md#s9.4).
 */

import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_SCOPE, DEFAULT_TOKEN_TIMEOUT_MS } from '../config/presets.js';
import { ConfigurationError, type ConfigurationIssue } from '../errors.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { Transport } from '../transport/transport.js';
import { grantIssues } from './grant.js';
import type { KeyMaterial } from './key-material.js';
import { normaliseScopes } from './scope.js';
import { TokenCache, tokenCacheKey, type FetchedToken } from './token-cache.js';
import type { AccessToken, TokenProvider } from './token-provider.js';
import { runTokenSteps } from './token-steps.js';

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

  private fetchToken(): Promise<FetchedToken> {
    return runTokenSteps({
      loadKey: () => Promise.resolve(this.options.keyMaterial),
      clientId: this.options.clientId,
      scope: this.scopes,
      issuer: this.options.issuer,
      tokenUrl: this.options.tokenUrl,
      consumerOrg: this.options.consumerOrg,
      resource: this.options.resource,
      transport: this.options.transport,
      clock: this.clock,
      timeoutMs: this.timeoutMs,
      logger: this.logger,
    });
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
