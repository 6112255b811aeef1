/**
 * Reads an access token's claims WITHOUT verifying it, for diagnostics only (`kjoretoy doctor`,
 * docs/contract.md#s2.6, docs/contract.md#s3.4, docs/contract.md#s9.7). Never base cache lifetime on it: that comes
 * from `expires_in`.
 */

import { decodeJwt, type JWTPayload } from 'jose';
import { MaskinportenError } from '../errors.js';
import type { AccessToken } from './token-provider.js';

export interface AccessTokenDiagnostics {
  /**
   * Org number from `consumer.ID` ("0192:<orgnr>"): must equal the integration's authorised org
   * (docs/contract.md#s3.4).
   */
  consumerOrg?: string;
  /** Org number from `supplier.ID`; present only with delegation (`consumer_org`). */
  supplierOrg?: string;
  scope?: string;
  clientId?: string;
  /** `client_amr`, e.g. `virksomhetssertifikat` or `private_key_jwt`. */
  clientAmr?: string;
  issuer?: string;
  issuedAt?: Date;
  expiresAt?: Date;
}

/** ISO 6523 ICD 0192: Norwegian organisation numbers. */
const NORWEGIAN_ORG = /^0192:(\d{9})$/;

export function decodeAccessToken(token: string | AccessToken): AccessTokenDiagnostics {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(typeof token === 'string' ? token : token.value);
  } catch (error) {
    throw new MaskinportenError(
      'The access token is not a JWT. Fiks accepts only JWT ("by value") access tokens: set the Maskinporten client to issue JWT tokens (see https://github.com/kjoretoyregister/kjoretoyregister/blob/main/docs/contract.md#s2.5)',
      { cause: error },
    );
  }
  const diagnostics: AccessTokenDiagnostics = {};
  const consumerOrg = orgOf(claims['consumer']);
  if (consumerOrg) diagnostics.consumerOrg = consumerOrg;
  const supplierOrg = orgOf(claims['supplier']);
  if (supplierOrg) diagnostics.supplierOrg = supplierOrg;
  if (typeof claims['scope'] === 'string') diagnostics.scope = claims['scope'];
  if (typeof claims['client_id'] === 'string') {
    diagnostics.clientId = claims['client_id'];
  }
  if (typeof claims['client_amr'] === 'string') {
    diagnostics.clientAmr = claims['client_amr'];
  }
  if (typeof claims.iss === 'string') diagnostics.issuer = claims.iss;
  if (typeof claims.iat === 'number') {
    diagnostics.issuedAt = new Date(claims.iat * 1000);
  }
  if (typeof claims.exp === 'number') {
    diagnostics.expiresAt = new Date(claims.exp * 1000);
  }
  return diagnostics;
}

function orgOf(party: unknown): string | undefined {
  if (typeof party !== 'object' || party === null) return undefined;
  const id = (party as { ID?: unknown }).ID;
  return typeof id === 'string' ? NORWEGIAN_ORG.exec(id)?.[1] : undefined;
}
