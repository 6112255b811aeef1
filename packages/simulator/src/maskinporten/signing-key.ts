import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { generateRsaKeyPair } from '../credentials/key-pairs.js';

/** The simulator's access-token signing key, published at `/jwk` (docs/contract.md#s2.1, docs/contract.md#s2.6). */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const pair = await generateRsaKeyPair();
  const privateKey = createPrivateKey(pair.privateKeyPem);
  const publicKey = createPublicKey(pair.publicKeyPem);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}
