/**
 * Whether the token stored in the credential's expirable field is about to be refused. n8n itself
 * refreshes that field only when it is empty or after a request threw a 401; an expired token
 * would thus always be sent once first (and cost a 401, a probe and a retry). The token's own `exp`
 * claim is what Fiks checks (docs/contract.md#s2.6), so it is read here (unverified, only to decide
 * to fetch early). A token without a readable `exp` counts as fresh: Fiks's 401 still catches it.
 */

import { DEFAULT_TOKEN_EXPIRY_MARGIN_MS, decodeAccessToken } from '@kjoretoyregister/core/host';

/** `true` when `token` expires within `marginMs` of `nowMs` (core's token-cache margin by default). */
export function isStoredTokenStale(
  token: unknown,
  nowMs: number,
  marginMs: number = DEFAULT_TOKEN_EXPIRY_MARGIN_MS,
): boolean {
  if (typeof token !== 'string' || token === '') return false;
  let expiresAt: Date | undefined;
  try {
    expiresAt = decodeAccessToken(token).expiresAt;
  } catch {
    // Not a JWT: nothing to read; Fiks rejects it and the transport's 401 path refreshes it.
    return false;
  }
  return expiresAt !== undefined && expiresAt.getTime() - marginMs <= nowMs;
}
