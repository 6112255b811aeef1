/**
 * Test-side Maskinporten client: builds and signs JWT grants with jose (never with core, so
 * the simulator and core cannot share a misreading of docs/contract.md#s2), and posts them.
 */
import { createHmac, createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import type { RunningSimulator } from '../../src/index.js';

export type GrantAlg = 'RS256' | 'RS384' | 'RS512';

export interface GrantOptions {
  /** Replaces the default header (`alg` + `x5c` of the demo certificate). */
  header?: Record<string, unknown>;
  /** Merged over the default claims; `undefined` values remove a claim. */
  claims?: Record<string, unknown>;
  /** Signing key (PEM); default: the demo certificate's key. */
  keyPem?: string;
  /** Epoch seconds used for `iat`/`exp`; default: now from `clock`. */
  nowSeconds?: number;
}

export function defaultClaims(sim: RunningSimulator, nowSeconds: number): Record<string, unknown> {
  return {
    aud: sim.issuer,
    iss: sim.demo.clientId,
    scope: 'ks:fiks',
    iat: nowSeconds,
    exp: nowSeconds + 120,
    jti: randomUUID(),
  };
}

export async function signGrant(
  sim: RunningSimulator,
  nowSeconds: number,
  options: GrantOptions = {},
): Promise<string> {
  const header = options.header ?? { alg: 'RS256', x5c: sim.credentials.client.x5c };
  const claims: Record<string, unknown> = { ...defaultClaims(sim, nowSeconds), ...(options.claims ?? {}) };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  const key = createPrivateKey(options.keyPem ?? sim.credentials.client.keyPem);
  return signCompact(header, claims, key);
}

/** jose for the RS algorithms; by hand for `none` and HS256, which jose refuses to produce with an RSA key. */
export async function signCompact(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: KeyObject,
): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(claims));
  if (header['alg'] === 'none') return `${b64u(header)}.${Buffer.from(payload).toString('base64url')}.`;
  if (header['alg'] === 'HS256') {
    const input = `${b64u(header)}.${Buffer.from(payload).toString('base64url')}`;
    const mac = createHmac('sha256', 'a-shared-secret').update(input).digest('base64url');
    return `${input}.${mac}`;
  }
  return new CompactSign(payload).setProtectedHeader(header as { alg: string }).sign(key);
}

function b64u(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function postToken(
  sim: RunningSimulator,
  assertion: string,
  init: { contentType?: string; form?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const body =
    init.form ??
    new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString();
  const response = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/x-www-form-urlencoded', ...(init.headers ?? {}) },
    body,
  });
  return toResult(response);
}

export async function toResult(response: Response): Promise<HttpResult> {
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Non-JSON bodies (plain 404/422) are asserted through `text`.
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A token for the demo client (or any client/key), via the simulator's real token endpoint. */
export async function fetchAccessToken(
  sim: RunningSimulator,
  nowSeconds: number,
  options: GrantOptions = {},
): Promise<string> {
  const result = await postToken(sim, await signGrant(sim, nowSeconds, options));
  if (result.status !== 200) throw new Error(`token request failed: ${result.status} ${result.text}`);
  return result.json['access_token'] as string;
}

/** A controllable clock for `startSimulator({ clock })`. */
export function manualClock(startMs: number): {
  now: () => number;
  set: (ms: number) => void;
  advance: (ms: number) => void;
  seconds: () => number;
} {
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
    seconds: () => Math.floor(current / 1000),
  };
}

/** A new RSA key pair as PEM, for certificates and grants a test makes itself. */
export function freshKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
