/**
 * Private keys from PEM (PKCS#8, PKCS#1, encrypted PKCS#8, legacy `Proc-Type: 4,ENCRYPTED`
 * PKCS#1) and JWK, with "wrong passphrase" told apart from "unreadable" (docs/contract.md#s9.6).
 */

import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ConfigurationError, type ConfigurationIssueReason } from '../errors.js';
import { looksLikeJson, looksLikePem, readTextSource, type ReadKeyFile } from './key-source.js';

/** jose refuses RS256 with shorter keys; so would Maskinporten. */
const MIN_RSA_BITS = 2048;

const PRIVATE_KEY_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

export async function loadPemPrivateKey(
  value: string,
  passphrase: string | undefined,
  prefix: string,
  readFile: ReadKeyFile | undefined,
): Promise<KeyObject> {
  const path = `${prefix}.privateKey`;
  const text = await readTextSource(value ?? '', path, looksLikePem, readFile);
  const block = PRIVATE_KEY_BLOCK.exec(text)?.[0];
  if (!block) {
    throw fail(
      path,
      'holds no PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)',
    );
  }
  const encrypted = block.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /Proc-Type:\s*4,ENCRYPTED/.test(block);
  if (encrypted && !passphrase) {
    throw fail(`${prefix}.passphrase`, 'is required: the private key is encrypted');
  }
  try {
    return encrypted
      ? createPrivateKey({ key: block, format: 'pem', passphrase })
      : createPrivateKey({ key: block, format: 'pem' });
  } catch (error) {
    if (encrypted) {
      throw fail(
        `${prefix}.passphrase`,
        'wrong passphrase: the private key cannot be decrypted with it',
        error,
        'wrong_password',
      );
    }
    throw fail(path, 'is unreadable: the PEM private key could not be parsed', error);
  }
}

export async function loadJwk(
  value: string | JsonWebKey | undefined,
  path: string,
  readFile: ReadKeyFile | undefined,
): Promise<KeyObject> {
  let jwk: unknown = value;
  if (typeof value === 'string') {
    const text = await readTextSource(value, path, looksLikeJson, readFile);
    try {
      jwk = JSON.parse(text);
    } catch {
      throw fail(path, 'is unreadable: not valid JSON');
    }
  }
  if (!jwk || typeof jwk !== 'object' || typeof (jwk as JsonWebKey).kty !== 'string') {
    throw fail(path, 'is not a JWK (an object with "kty")');
  }
  if (typeof (jwk as JsonWebKey).d !== 'string') {
    throw fail(path, 'is a public JWK; a private JWK (with "d") is required');
  }
  try {
    return createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (error) {
    throw fail(path, 'is unreadable: the JWK could not be imported', error);
  }
}

export function checkRsa(key: KeyObject, path: string): void {
  if (key.asymmetricKeyType !== 'rsa') {
    throw fail(
      path,
      `the private key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not RSA (the grant is signed with RS256)`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw fail(path, `the RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`);
  }
}

/** One issue, naming the option, never its value. */
export function fail(
  path: string,
  message: string,
  cause?: unknown,
  reason?: ConfigurationIssueReason,
): ConfigurationError {
  return new ConfigurationError(
    [{ path, message, ...(reason ? { reason } : {}) }],
    cause === undefined ? {} : { cause },
  );
}
