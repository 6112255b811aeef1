/**
 * Scopes arrive as one space-separated string or a list; the grant sends them space-joined in
 * the caller's order (docs/contract.md#s2.4), the cache key sorts them (docs/contract.md#s9.4).
 */
export function normaliseScopes(scope: string | readonly string[]): string[] {
  const parts = (typeof scope === 'string' ? [scope] : scope).flatMap((entry) => String(entry).split(/\s+/));
  return [...new Set(parts.filter((part) => part !== ''))];
}
