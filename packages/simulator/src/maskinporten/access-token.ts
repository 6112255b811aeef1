import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ORGNR_AUTHORITY_PREFIX } from '../credentials/demo-identities.js';
import type { SigningKey } from './signing-key.js';

type ClientAmr = 'virksomhetssertifikat' | 'private_key_jwt';

interface AccessTokenInput {
  issuer: string;
  clientId: string;
  clientAmr: ClientAmr;
  /** The organisation the token is for: the client's own, or the delegating `consumer_org`. */
  consumerOrgnr: string;
  /** Set only with delegation: the client's own organisation. */
  supplierOrgnr?: string;
  scope: string;
  nowSeconds: number;
  lifetimeSeconds: number;
}

/** Altinn TT02 is the delegation source behind Maskinporten TEST. */
const DELEGATION_SOURCE = 'https://tt02.altinn.no/';

/** An RS256 JWT with the claims of docs/contract.md#s2.6. */
export async function signAccessToken(
  key: SigningKey,
  input: AccessTokenInput,
): Promise<{ token: string; jti: string }> {
  const jti = randomUUID();
  const claims: Record<string, unknown> = {
    client_amr: input.clientAmr,
    token_type: 'Bearer',
    client_id: input.clientId,
    consumer: orgClaim(input.consumerOrgnr),
    scope: input.scope,
  };
  if (input.supplierOrgnr !== undefined) {
    claims['supplier'] = orgClaim(input.supplierOrgnr);
    claims['delegation_source'] = DELEGATION_SOURCE;
  }
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(input.issuer)
    .setIssuedAt(input.nowSeconds)
    .setExpirationTime(input.nowSeconds + input.lifetimeSeconds)
    .setJti(jti)
    .sign(key.privateKey);
  return { token, jti };
}

function orgClaim(orgnr: string): { authority: string; ID: string } {
  return { authority: 'iso6523-actorid-upis', ID: `${ORGNR_AUTHORITY_PREFIX}${orgnr}` };
}
