/**
 * Password-based decryption for PKCS#12 content (RFC 8018 PBES2, RFC 7292 App. B/C). The same
 * password is encoded two ways: UTF-8 for PBKDF2, BMPString (UTF-16BE + terminator) for the
 * PKCS#12 KDF behind the MAC and the legacy PBE schemes. node-forge gets the first one wrong
 * for non-ASCII passwords (æ, ø, å), which is why this is done with node:crypto.
 */

import { createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { octetString, oid, sequence, smallInteger, type DerNode } from './der.js';
import { rc2CbcDecrypt } from './rc2.js';

/** The file uses an algorithm we do not implement (as opposed to being damaged). */
export class UnsupportedEncryptionError extends Error {}

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const HMAC_WITH_SHA1 = '1.2.840.113549.2.7';

const PRF_BY_OID: Readonly<Record<string, string>> = {
  [HMAC_WITH_SHA1]: 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const PBES2_CIPHERS: Readonly<Record<string, { name: string; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

interface Pkcs12PbeScheme {
  cipher: 'des-ede3-cbc' | 'rc2';
  keyLength: number;
}

/** PKCS#12 PBE schemes (RFC 7292 App. C); all derive keys with SHA-1. */
const PKCS12_PBE: Readonly<Record<string, Pkcs12PbeScheme>> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5 },
};

/** Guards against a hostile file making us spin. OpenSSL's default is 2048. */
const MAX_ITERATIONS = 10_000_000;

/**
 * Parses the algorithm identifier and returns the decryption, so a parse problem (damaged or
 * unsupported) can be told apart from a decryption failure (wrong password).
 */
export function pbeDecipher(algorithm: DerNode | undefined, password: string): (data: Buffer) => Buffer {
  const [algorithmOid, params] = sequence(algorithm, 'encryption algorithm');
  const scheme = oid(algorithmOid, 'encryption algorithm');
  if (scheme === PBES2) return pbes2Decipher(params, password);
  const pkcs12Scheme = PKCS12_PBE[scheme];
  if (pkcs12Scheme) return pkcs12PbeDecipher(pkcs12Scheme, params, password);
  throw new UnsupportedEncryptionError(`unsupported encryption algorithm ${scheme}`);
}

function pbes2Decipher(params: DerNode | undefined, password: string): (data: Buffer) => Buffer {
  const [kdf, encryption] = sequence(params, 'PBES2 parameters');
  const [kdfOid, kdfParams] = sequence(kdf, 'key derivation function');
  if (oid(kdfOid, 'key derivation function') !== PBKDF2) {
    throw new UnsupportedEncryptionError('unsupported PBES2 key derivation (only PBKDF2)');
  }
  const [saltNode, iterationsNode, ...rest] = sequence(kdfParams, 'PBKDF2 parameters');
  const salt = octetString(saltNode, 'PBKDF2 salt');
  const iterations = checkedIterations(smallInteger(iterationsNode, 'PBKDF2 iterations'));
  // keyLength INTEGER OPTIONAL precedes prf AlgorithmIdentifier DEFAULT hmacWithSHA1.
  const prfNode = rest.find((node) => node.constructed);
  const prfOid = prfNode ? oid(sequence(prfNode, 'PRF')[0], 'PRF') : HMAC_WITH_SHA1;
  const prf = PRF_BY_OID[prfOid];
  if (!prf) {
    throw new UnsupportedEncryptionError(`unsupported PBKDF2 PRF ${prfOid}`);
  }

  const [cipherOid, ivNode] = sequence(encryption, 'encryption scheme');
  const cipherId = oid(cipherOid, 'encryption scheme');
  const cipher = PBES2_CIPHERS[cipherId];
  if (!cipher) {
    throw new UnsupportedEncryptionError(`unsupported PBES2 cipher ${cipherId}`);
  }
  const iv = octetString(ivNode, 'IV');
  return (data) => {
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    const decipher = createDecipheriv(cipher.name, key, iv);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  };
}

function pkcs12PbeDecipher(
  scheme: Pkcs12PbeScheme,
  params: DerNode | undefined,
  password: string,
): (data: Buffer) => Buffer {
  const [saltNode, iterationsNode] = sequence(params, 'PBE parameters');
  const salt = octetString(saltNode, 'PBE salt');
  const iterations = checkedIterations(smallInteger(iterationsNode, 'PBE iterations'));
  return (data) => {
    const bmp = bmpPassword(password);
    const key = pkcs12Kdf(bmp, salt, 1, iterations, scheme.keyLength, 'sha1');
    const iv = pkcs12Kdf(bmp, salt, 2, iterations, 8, 'sha1');
    if (scheme.cipher === 'des-ede3-cbc') {
      const decipher = createDecipheriv('des-ede3-cbc', key, iv);
      return Buffer.concat([decipher.update(data), decipher.final()]);
    }
    // Node's OpenSSL 3 has no RC2 (legacy provider), yet `-legacy` files encrypt certificates with it (rc2.ts).
    const plain = rc2CbcDecrypt(key, scheme.keyLength * 8, iv, data);
    return Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  };
}

/** RFC 7292 App. B.1: big-endian UTF-16 with a two-byte terminator. */
export function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) {
    out.writeUInt16BE(password.charCodeAt(i), i * 2);
  }
  return out;
}

/** RFC 7292 App. B.2 key derivation; `id` 1 = key, 2 = IV, 3 = MAC key. */
export function pkcs12Kdf(
  password: Buffer,
  salt: Buffer,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
  digest: string,
): Buffer {
  const u = createHash(digest).digest().length;
  const v = digest === 'sha384' || digest === 'sha512' ? 128 : 64;
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([
    repeatTo(salt, v * Math.ceil(salt.length / v)),
    repeatTo(password, v * Math.ceil(password.length / v)),
  ]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let a = createHash(digest).update(diversifier).update(input).digest();
    for (let round = 1; round < iterations; round++) {
      a = createHash(digest).update(a).digest();
    }
    blocks.push(a);
    // I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of the input.
    const b = repeatTo(a, v);
    for (let offset = 0; offset < input.length; offset += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (input[offset + k] ?? 0) + (b[k] ?? 0) + carry;
        input[offset + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}

export function checkedIterations(iterations: number): number {
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new UnsupportedEncryptionError(`unsupported iteration count ${iterations}`);
  }
  return iterations;
}

function repeatTo(source: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  if (source.length === 0) return out;
  for (let i = 0; i < length; i++) out[i] = source[i % source.length] ?? 0;
  return out;
}
