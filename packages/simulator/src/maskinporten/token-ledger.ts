/**
 * Live access tokens by `jti` → `exp`, so `revokeTokens()` can kill every live one before its
 * expiry. Expired entries are dropped as new tokens are issued, so memory stays bounded.
 */
export class TokenLedger {
  private live = new Map<string, number>();
  private revoked = new Map<string, number>();

  issue(jti: string, expSeconds: number, nowSeconds: number): void {
    for (const map of [this.live, this.revoked]) {
      for (const [id, exp] of map) if (exp < nowSeconds) map.delete(id);
    }
    this.live.set(jti, expSeconds);
  }

  isRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  /** Revokes every token issued until now; returns how many. Tokens issued later stay valid. */
  revokeAll(): number {
    const count = this.live.size;
    for (const [jti, exp] of this.live) this.revoked.set(jti, exp);
    this.live.clear();
    return count;
  }
}
