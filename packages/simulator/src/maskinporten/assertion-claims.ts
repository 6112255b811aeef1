import type { AssertionClaims } from './assertion.js';
import type { RegisteredClient } from './client-registry.js';
import { reject } from './grant-rejection.js';

/**
 * The documented grant claims (docs/contract.md#s2.4). Anything else answers "Invalid assertion".
 * `iss_onbehalfof` and `authorization_details` are documented too, so they are tolerated.
 */
const DOCUMENTED_CLAIMS: ReadonlySet<string> = new Set([
  'aud',
  'iss',
  'iat',
  'exp',
  'jti',
  'scope',
  'consumer_org',
  'resource',
  'pid',
  'iss_onbehalfof',
  'authorization_details',
]);

/** docs/contract.md#s2.4: "Maximum 120 seconds allowed. (exp - iat <= 120)". */
const MAX_GRANT_LIFETIME_SECONDS = 120;
/** docs/contract.md#s2.4: iat "less than 10 seconds ahead … our clock". */
const MAX_IAT_AHEAD_SECONDS = 10;

export function checkAudience(claims: AssertionClaims, issuer: string): void {
  // A single string equal to the issuer with its trailing slash; not the token URL, not an array.
  if (claims.aud !== issuer) throw reject.wrongAudience();
}

export function checkDocumentedClaims(claims: AssertionClaims): void {
  const extra = Object.keys(claims).find((name) => !DOCUMENTED_CLAIMS.has(name));
  if (extra !== undefined) throw reject.extraClaim(extra);
}

export function checkTimes(claims: AssertionClaims, nowSeconds: number): void {
  if (claims.exp - claims.iat > MAX_GRANT_LIFETIME_SECONDS) throw reject.lifetimeTooLong();
  if (claims.iat > nowSeconds + MAX_IAT_AHEAD_SECONDS) throw reject.issuedInFuture();
  if (claims.exp < nowSeconds) throw reject.expired();
}

export function requestedScopes(claims: AssertionClaims): string[] {
  return claims.scope.split(' ').filter((s) => s !== '');
}

export function checkScopes(scopes: readonly string[], client: RegisteredClient): void {
  if (!scopes.every((s) => client.scopes.has(s))) throw reject.scopeNotAllowed();
}

/**
 * `consumer_org` (docs/contract.md#s2.4): the supplier client must hold an Altinn delegation from that
 * organisation for every requested scope. Naming its own organisation is a separate error.
 */
export function checkDelegation(consumerOrg: string, scopes: readonly string[], client: RegisteredClient): void {
  if (consumerOrg === client.orgnr) throw reject.consumerOrgIsOwnOrg();
  const delegation = client.delegations.find((d) => d.consumerOrgnr === consumerOrg);
  const missing = scopes.find((s) => !delegation?.scopes.includes(s));
  if (missing !== undefined) throw reject.notDelegated(consumerOrg, missing, client.orgnr);
}
