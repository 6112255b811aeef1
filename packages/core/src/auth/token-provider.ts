/** What the request pipeline needs from auth: a cached, single-flight access token. */
export interface AccessToken {
  /** The bearer token. Never log it. */
  value: string;
  /** When the cache stops serving it: receipt + expires_in − margin (ms since epoch). */
  expiresAt: number;
  /** `expires_in` as Maskinporten sent it, in seconds. */
  expiresIn: number;
  scope?: string;
}

export interface TokenProvider {
  getToken(options?: { signal?: AbortSignal }): Promise<AccessToken>;
  /** Evict the cached token (all of it, or only if it is still `token`), so the next call fetches anew. */
  invalidate(token?: AccessToken): void;
}
