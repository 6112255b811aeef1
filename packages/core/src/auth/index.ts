export type { AccessToken, TokenProvider } from './token-provider.js';
export type {
  KeyMaterial,
  KeyMaterialInput,
  LoadKeyMaterialOptions,
  PemKeyMaterialInput,
  Pkcs12KeyMaterialInput,
  RegisteredKeyMaterialInput,
} from './key-material.js';
export { describeCertificate, organisationNumberOf } from './certificate-info.js';
export type { CertificateInfo } from './certificate-info.js';
export { createGrant } from './grant.js';
export type { GrantParams } from './grant.js';
export { requestToken } from './token-client.js';
export type { TokenRequestParams, TokenResponse } from './token-client.js';
export { TokenCache, tokenCacheKey } from './token-cache.js';
export type { FetchedToken, TokenCacheKeyParts, TokenCacheOptions } from './token-cache.js';
export { MaskinportenTokenProvider } from './maskinporten.js';
export type { MaskinportenTokenProviderOptions } from './maskinporten.js';
export { decodeAccessToken } from './decode-access-token.js';
export type { AccessTokenDiagnostics } from './decode-access-token.js';
export type { ReadKeyFile } from './key-source.js';
