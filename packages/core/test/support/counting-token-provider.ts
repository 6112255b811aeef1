import type { AccessToken, TokenProvider } from '../../src/auth/token-provider.js';

/** The auth seam for transport tests: hands out numbered tokens and counts fetches and evictions. */
export class CountingTokenProvider implements TokenProvider {
  fetches = 0;
  invalidations = 0;
  private current?: AccessToken;

  async getToken(): Promise<AccessToken> {
    if (!this.current) {
      this.fetches += 1;
      this.current = { value: `test-token-${this.fetches}`, expiresAt: Number.MAX_SAFE_INTEGER, expiresIn: 120 };
    }
    return this.current;
  }

  invalidate(token?: AccessToken): void {
    if (token && this.current && token.value !== this.current.value) return;
    this.invalidations += 1;
    this.current = undefined;
  }
}
