/**
 * The Maskinporten JWT grant, exactly as docs/contract.md#s2.3 and docs/contract.md#s2.4 describe it: header `alg` plus
 * either `x5c` or `kid`; claims `aud`, `iss`, `scope`, `iat`, `exp`, `jti` and, only when configured,
 * `consumer_org` and `resource`. Any other claim makes Maskinporten answer "Invalid assertion".
 */

import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import type { Clock } from '../clock.js';
import { GRANT_LIFETIME_SECONDS } from '../config/presets.js';
import { isIssuerUrl, ISSUER_RULE_MESSAGE } from '../config/url-rules.js';
import { ConfigurationError, type ConfigurationIssue } from '../errors.js';
import type { KeyMaterial } from './key-material.js';
import { normaliseScopes } from './scope.js';

export interface GrantParams {
  key: KeyMaterial;
  /** The Maskinporten issuer with its trailing slash, e.g. `https://test.maskinporten.no/`. */
  audience: string;
  /** Maskinporten `client_id`: becomes `iss`. */
  clientId: string;
  scope: string | readonly string[];
  /** 9-digit org number of the legal consumer, for delegated access only. */
  consumerOrg?: string;
  resource?: string;
  clock: Clock;
  /** Capped at 120 s (docs/contract.md#s2.4: exp − iat ≤ 120). */
  lifetimeSeconds?: number;
}

/** Signs a fresh single-use grant. Never cache or reuse the result (docs/contract.md#s2.4: MP-012). */
export async function createGrant(params: GrantParams): Promise<string> {
  const issues = grantIssues(params);
  if (issues.length > 0) throw new ConfigurationError(issues);

  const header: JWTHeaderParameters =
    params.key.mode === 'x5c'
      ? { alg: 'RS256', x5c: params.key.x5c ?? [] }
      : { alg: 'RS256', kid: params.key.kid ?? '' };
  const payload: JWTPayload = {
    scope: normaliseScopes(params.scope).join(' '),
  };
  if (params.consumerOrg !== undefined) {
    payload['consumer_org'] = params.consumerOrg;
  }
  if (params.resource !== undefined) payload['resource'] = params.resource;

  // One integer-seconds reading for both, so iat is never future-dated relative to exp (docs/contract.md#s2.4).
  const iat = Math.floor(params.clock.now() / 1000);
  const lifetime = Math.min(params.lifetimeSeconds ?? GRANT_LIFETIME_SECONDS, GRANT_LIFETIME_SECONDS);
  return new SignJWT(payload)
    .setProtectedHeader(header)
    .setAudience(params.audience)
    .setIssuer(params.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .setJti(randomUUID())
    .sign(params.key.privateKey);
}

/** The checks behind createGrant, also run by the token provider at construction. */
export function grantIssues(params: Omit<GrantParams, 'key' | 'clock'> & { key?: KeyMaterial }): ConfigurationIssue[] {
  const issues: ConfigurationIssue[] = [];
  if (!isIssuerUrl(params.audience)) {
    issues.push({ path: 'issuer', message: ISSUER_RULE_MESSAGE });
  }
  if (typeof params.clientId !== 'string' || params.clientId.trim() === '') {
    issues.push({
      path: 'clientId',
      message: 'is required: the Maskinporten client_id',
    });
  }
  if (normaliseScopes(params.scope ?? []).length === 0) {
    issues.push({ path: 'scope', message: 'must name at least one scope' });
  }
  if (params.consumerOrg !== undefined && !/^\d{9}$/.test(params.consumerOrg)) {
    issues.push({
      path: 'consumerOrg',
      message: 'must be a 9-digit organisation number',
    });
  }
  if (params.resource !== undefined && (typeof params.resource !== 'string' || params.resource.trim() === '')) {
    issues.push({
      path: 'resource',
      message: 'must be a non-empty string when set',
    });
  }
  const lifetime = params.lifetimeSeconds;
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime >= 1)) {
    issues.push({
      path: 'lifetimeSeconds',
      message: 'must be a positive whole number of seconds',
    });
  }
  const key = params.key;
  if (key && key.mode === 'x5c' && !(key.x5c && key.x5c.length > 0)) {
    issues.push({
      path: 'keyMaterial',
      message: 'certificate mode needs the certificate (x5c)',
    });
  }
  if (key && key.mode === 'kid' && !key.kid) {
    issues.push({ path: 'keyMaterial.kid', message: 'key mode needs a kid' });
  }
  return issues;
}
