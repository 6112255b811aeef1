/**
 * Access-token cache (docs/contract.md#s2.8, docs/contract.md#s9.1 to docs/contract.md#s9.4): lifetime from
 * `expires_in` counted from when the response arrived, minus a margin; one shared in-flight fetch per key; failures
 * never cached.
 */

import { untilAborted } from '../util/until-aborted.js';
import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_TOKEN_EXPIRY_MARGIN_MS } from '../config/presets.js';
import { TransportError } from '../errors.js';
import type { AccessToken } from './token-provider.js';
import { normaliseScopes } from './scope.js';

export interface TokenCacheKeyParts {
  /** The environment, via its token endpoint. */
  tokenUrl: string;
  audience: string;
  clientId: string;
  scope: string | readonly string[];
  consumerOrg?: string;
  resource?: string;
}

/**
 * Everything that changes which token Maskinporten issues (docs/contract.md#s9.4): a narrower key serves
 * one tenant's token to another after a config reload.
 */
export function tokenCacheKey(parts: TokenCacheKeyParts): string {
  return JSON.stringify([
    parts.tokenUrl,
    parts.audience,
    parts.clientId,
    normaliseScopes(parts.scope).sort(),
    parts.consumerOrg ?? null,
    parts.resource ?? null,
  ]);
}

export interface FetchedToken {
  accessToken: string;
  expiresIn: number;
  scope?: string;
}

export interface TokenCacheOptions {
  clock?: Clock;
  /** Stop serving a token this long before `expires_in` runs out. Default 10 s. */
  expiryMarginMs?: number;
}

export class TokenCache {
  private readonly clock: Clock;
  private readonly marginMs: number;
  private readonly tokens = new Map<string, AccessToken>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();
  /** Bumped by clear(): a fetch started before it must not repopulate the cache. */
  private generation = 0;

  constructor(options: TokenCacheOptions = {}) {
    const margin = options.expiryMarginMs ?? DEFAULT_TOKEN_EXPIRY_MARGIN_MS;
    if (!Number.isFinite(margin) || margin < 0) {
      throw new TypeError('expiryMarginMs must be a non-negative number');
    }
    this.clock = options.clock ?? systemClock;
    this.marginMs = margin;
  }

  /**
   * The cached token, or the result of the one fetch in flight for `key`. A caller's `signal`
   * only stops that caller waiting: the shared fetch goes on for the others and fills the cache.
   */
  get(key: string, fetcher: () => Promise<FetchedToken>, options: { signal?: AbortSignal } = {}): Promise<AccessToken> {
    const cached = this.tokens.get(key);
    if (cached) {
      if (this.clock.now() < cached.expiresAt) return Promise.resolve(cached);
      this.tokens.delete(key);
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      const started = this.load(key, fetcher);
      const settle = () => {
        if (this.inFlight.get(key) === started) this.inFlight.delete(key);
      };
      started.then(settle, settle);
      this.inFlight.set(key, started);
      pending = started;
    }
    return untilAborted(
      pending,
      options.signal,
      (signal) =>
        new TransportError('Waiting for the access token was aborted by the caller', {
          failure: 'aborted',
          cause: signal.reason,
        }),
    );
  }

  /** Evict `key`; with `token`, only if that is still the cached one (a late 401 must not evict a fresh token). */
  invalidate(key: string, token?: AccessToken): void {
    const cached = this.tokens.get(key);
    if (!cached) return;
    if (token === undefined || cached.value === token.value) {
      this.tokens.delete(key);
    }
  }

  clear(): void {
    this.tokens.clear();
    this.inFlight.clear();
    this.generation++;
  }

  private async load(key: string, fetcher: () => Promise<FetchedToken>): Promise<AccessToken> {
    const generation = this.generation;
    const fetched = await fetcher();
    const receivedAt = this.clock.now();
    // Never below receipt: a token shorter than the margin goes to this fetch's callers only.
    const expiresAt = Math.max(receivedAt, receivedAt + fetched.expiresIn * 1000 - this.marginMs);
    const token: AccessToken = {
      value: fetched.accessToken,
      expiresAt,
      expiresIn: fetched.expiresIn,
    };
    if (fetched.scope !== undefined) token.scope = fetched.scope;
    if (expiresAt > receivedAt && generation === this.generation) {
      this.tokens.set(key, token);
    }
    return token;
  }
}
