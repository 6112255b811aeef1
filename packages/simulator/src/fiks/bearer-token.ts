import type { KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { ORGNR_AUTHORITY_PREFIX } from '../credentials/demo-identities.js';

const FIKS_SCOPE = 'ks:fiks';

interface VerifiedToken {
  jti: string | undefined;
  /** The 9-digit org from `consumer.ID` (docs/contract.md#s3.4). */
  consumerOrgnr: string | undefined;
}

/**
 * Signature against the simulator's key (its JWKS), issuer, expiry and `ks:fiks` in `scope`
 * (docs/contract.md#s3.3). Any failure is the same 401, so the reason is not returned.
 */
export async function verifyAccessToken(
  authorization: string | undefined,
  expected: { publicKey: KeyObject; issuer: string; nowMs: number },
): Promise<VerifiedToken | undefined> {
  const match = authorization?.match(/^Bearer +([^\s]+)\s*$/i);
  if (!match) return undefined;
  try {
    const { payload } = await jwtVerify(match[1] as string, expected.publicKey, {
      issuer: expected.issuer,
      algorithms: ['RS256', 'RS384', 'RS512'],
      currentDate: new Date(expected.nowMs),
      requiredClaims: ['exp'],
    });
    const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : [];
    if (!scopes.includes(FIKS_SCOPE)) return undefined;
    return { jti: payload.jti, consumerOrgnr: consumerOrgnr(payload['consumer']) };
  } catch {
    return undefined;
  }
}

function consumerOrgnr(consumer: unknown): string | undefined {
  if (typeof consumer !== 'object' || consumer === null) return undefined;
  const id = (consumer as Record<string, unknown>)['ID'];
  if (typeof id !== 'string' || !id.startsWith(ORGNR_AUTHORITY_PREFIX)) return undefined;
  return id.slice(ORGNR_AUTHORITY_PREFIX.length);
}
