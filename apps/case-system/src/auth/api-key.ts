import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `csk_<keyId>_<secret>`: the key id finds the user, the whole key is stored
 * only as a SHA-256 hash (a 32-byte random secret needs no slow hash) and compared in constant time.
 */
const PREFIX = 'csk';
const KEY_PATTERN = /^csk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

interface NewApiKey {
  keyId: string;
  key: string;
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const keyId = randomBytes(8).toString('hex');
  const key = `${PREFIX}_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { keyId, key, hash: sha256Hex(key) };
}

/** The key id, or undefined for anything that is not a well-formed key. */
export function keyIdOf(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function matchesHash(value: string, expectedHex: string): boolean {
  const actual = Buffer.from(sha256Hex(value), 'hex');
  const expected = Buffer.from(expectedHex, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Session tokens for the web page: random, stored hashed like keys. */
export function generateSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}
