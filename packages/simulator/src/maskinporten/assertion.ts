import { isOrgnr } from '../credentials/demo-identities.js';
import { reject } from './grant-rejection.js';

export interface AssertionHeader {
  alg: string;
  x5c?: unknown;
  kid?: unknown;
  [param: string]: unknown;
}

/** Claims after type checks; `aud` stays unknown so a wrong shape answers MP-110, not MP-011. */
export interface AssertionClaims {
  iss: string;
  aud: unknown;
  iat: number;
  exp: number;
  scope: string;
  jti?: string;
  consumer_org?: string;
  [claim: string]: unknown;
}

interface ParsedAssertion {
  compact: string;
  header: AssertionHeader;
  claims: AssertionClaims;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An unsecured JWS (`alg: none`) has an empty signature; it is refused later, as MP-124. */
const SIGNATURE = /^[A-Za-z0-9_-]*$/;

/** Structure and types only; every semantic check comes later, in Maskinporten's order. */
export function parseAssertion(compact: string): ParsedAssertion {
  const parts = compact.split('.');
  const [header = '', payload = '', signature = ''] = parts;
  if (parts.length !== 3 || !BASE64URL.test(header) || !BASE64URL.test(payload) || !SIGNATURE.test(signature)) {
    throw reject.malformed('assertion is not a compact JWS');
  }
  const joseHeader = decodeJson(header, 'header');
  const claims = decodeJson(payload, 'claims');
  if (typeof joseHeader['alg'] !== 'string') throw reject.malformed('alg missing');

  const problems: string[] = [];
  if (typeof claims['iss'] !== 'string' || claims['iss'] === '') problems.push('iss');
  if (claims['aud'] === undefined) problems.push('aud');
  if (!Number.isInteger(claims['iat'])) problems.push('iat');
  if (!Number.isInteger(claims['exp'])) problems.push('exp');
  if (typeof claims['scope'] !== 'string' || claims['scope'].trim() === '') problems.push('scope');
  if (claims['jti'] !== undefined && typeof claims['jti'] !== 'string') problems.push('jti');
  if (claims['consumer_org'] !== undefined && !isOrgnr(claims['consumer_org'])) problems.push('consumer_org');
  if (problems.length > 0) throw reject.malformed(`claim ${problems.join(', ')}`);

  return { compact, header: joseHeader as AssertionHeader, claims: claims as AssertionClaims };
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the documented MP-011
  }
  throw reject.malformed(`${what} is not a JSON object`);
}
