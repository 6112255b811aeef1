import type { SigningKey } from './signing-key.js';

export const TOKEN_PATH = '/token';
export const JWKS_PATH = '/jwk';
export const WELL_KNOWN_PATH = '/.well-known/oauth-authorization-server';
export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const SUPPORTED_GRANT_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

/** Same shape as Maskinporten TEST's metadata (docs/contract.md#s2.1). `issuer` ends with a slash. */
export function wellKnownMetadata(issuer: string): Record<string, unknown> {
  const base = issuer.replace(/\/$/, '');
  return {
    issuer,
    token_endpoint: `${base}${TOKEN_PATH}`,
    jwks_uri: `${base}${JWKS_PATH}`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    grant_types_supported: [JWT_BEARER_GRANT_TYPE],
    token_endpoint_auth_signing_alg_values_supported: [...SUPPORTED_GRANT_ALGORITHMS],
  };
}

export function jwks(key: SigningKey): { keys: unknown[] } {
  return { keys: [key.publicJwk] };
}
