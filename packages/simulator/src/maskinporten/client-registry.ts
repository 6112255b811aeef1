import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { isOrgnr } from '../credentials/demo-identities.js';

/** A key pre-registered on a client, used with `kid` in the grant header (docs/contract.md#s2.3). */
export interface RegisteredKeyInput {
  kid: string;
  publicJwk?: JsonWebKey;
  publicPem?: string;
  /** ISO date or epoch ms; after it the key answers MP-121 "Expired key". */
  expiresAt?: string | number;
}

/** An Altinn delegation of `scopes` from `consumerOrgnr` to this client's organisation. */
export interface DelegationInput {
  consumerOrgnr: string;
  scopes: string[];
}

export interface ClientRegistration {
  clientId: string;
  orgnr: string;
  scopes: string[];
  keys?: RegisteredKeyInput[];
  delegations?: DelegationInput[];
}

interface RegisteredKey {
  kid: string;
  publicKey: KeyObject;
  expiresAtMs?: number;
}

export interface RegisteredClient {
  clientId: string;
  orgnr: string;
  scopes: ReadonlySet<string>;
  keys: ReadonlyMap<string, RegisteredKey>;
  delegations: readonly DelegationInput[];
}

/** Maskinporten's client register. Re-registering a client id replaces it. */
export class ClientRegistry {
  private clients = new Map<string, RegisteredClient>();

  register(input: ClientRegistration): RegisteredClient {
    const client = toRegisteredClient(input);
    this.clients.set(client.clientId, client);
    return client;
  }

  get(clientId: string): RegisteredClient | undefined {
    return this.clients.get(clientId);
  }
}

/** Validates at the boundary (admin API and `registerClient()`), naming the field at fault. */
function toRegisteredClient(input: ClientRegistration): RegisteredClient {
  const problems: string[] = [];
  const raw = input as unknown as Record<string, unknown>;
  if (typeof raw['clientId'] !== 'string' || raw['clientId'] === '')
    problems.push('clientId must be a non-empty string');
  if (!isOrgnr(raw['orgnr'])) problems.push('orgnr must be 9 digits');
  if (!isStringArray(raw['scopes'])) problems.push('scopes must be an array of strings');
  const keys = new Map<string, RegisteredKey>();
  const keyInputs = raw['keys'] ?? [];
  if (!Array.isArray(keyInputs)) problems.push('keys must be an array');
  else keyInputs.forEach((k: unknown, i) => addKey(k, i, keys, problems));
  const delegations = raw['delegations'] ?? [];
  if (!Array.isArray(delegations)) problems.push('delegations must be an array');
  else
    delegations.forEach((d: unknown, i) => {
      const o = d as Record<string, unknown> | null;
      if (!o || !isOrgnr(o['consumerOrgnr'])) problems.push(`delegations[${i}].consumerOrgnr must be 9 digits`);
      if (!o || !isStringArray(o['scopes'])) problems.push(`delegations[${i}].scopes must be an array of strings`);
    });
  if (problems.length > 0) throw new TypeError(`invalid client registration: ${problems.join('; ')}`);
  return {
    clientId: input.clientId,
    orgnr: input.orgnr,
    scopes: new Set(input.scopes),
    keys,
    delegations: (delegations as DelegationInput[]).map((d) => ({
      consumerOrgnr: d.consumerOrgnr,
      scopes: [...d.scopes],
    })),
  };
}

function addKey(value: unknown, index: number, keys: Map<string, RegisteredKey>, problems: string[]): void {
  const o = value as Record<string, unknown> | null;
  const at = `keys[${index}]`;
  if (!o || typeof o['kid'] !== 'string' || o['kid'] === '') {
    problems.push(`${at}.kid must be a non-empty string`);
    return;
  }
  let publicKey: KeyObject;
  try {
    if (o['publicJwk'] !== undefined) {
      publicKey = createPublicKey({ key: o['publicJwk'] as JsonWebKey, format: 'jwk' });
    } else if (typeof o['publicPem'] === 'string') {
      publicKey = createPublicKey(o['publicPem']);
    } else {
      problems.push(`${at} needs publicJwk or publicPem`);
      return;
    }
  } catch {
    problems.push(`${at} public key cannot be read`);
    return;
  }
  if (publicKey.asymmetricKeyType !== 'rsa') {
    problems.push(`${at} must be an RSA key (Maskinporten accepts RS256/384/512)`);
    return;
  }
  let expiresAtMs: number | undefined;
  const expiresAt = o['expiresAt'];
  if (expiresAt !== undefined) {
    expiresAtMs = typeof expiresAt === 'number' ? expiresAt : Date.parse(String(expiresAt));
    if (!Number.isFinite(expiresAtMs)) problems.push(`${at}.expiresAt must be an ISO date or epoch ms`);
  }
  keys.set(o['kid'], { kid: o['kid'], publicKey, ...(expiresAtMs === undefined ? {} : { expiresAtMs }) });
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string' && s !== '');
}
