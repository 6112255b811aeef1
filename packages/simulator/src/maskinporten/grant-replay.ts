/**
 * Used grant ids ("A JWT cannot be reused", MP-012), kept until the grant itself expires so
 * the store cannot grow without bound.
 */
export class GrantReplayStore {
  private used = new Map<string, number>();

  has(clientId: string, jti: string): boolean {
    return this.used.has(key(clientId, jti));
  }

  remember(clientId: string, jti: string, expSeconds: number, nowSeconds: number): void {
    for (const [k, exp] of this.used) if (exp < nowSeconds) this.used.delete(k);
    this.used.set(key(clientId, jti), expSeconds);
  }

  clear(): void {
    this.used.clear();
  }
}

function key(clientId: string, jti: string): string {
  return `${clientId}\u0000${jti}`;
}
