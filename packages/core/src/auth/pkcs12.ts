/**
 * PKCS#12 (.p12/.pfx) reader (RFC 7292) for virksomhetssertifikat files (docs/contract.md#s9.6).
 *
 * Why not node-forge's `pkcs12FromAsn1`: it feeds the password to PBKDF2 as a Latin-1 byte
 * string, so files made by `openssl pkcs12 -export` with today's defaults (PBES2/AES-256 +
 * SHA-256 MAC) fail to decrypt when the password has a non-ASCII character (see pbe.ts).
 * Reading the structure ourselves also keeps every certificate in bag order, so the caller can
 * pick the one matching the key instead of bag 0.
 */

import {
  createHash,
  createHmac,
  createPrivateKey,
  timingSafeEqual,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { DerError, explicit, octetString, oid, readDer, sequence, smallInteger, type DerNode } from './der.js';
import { bmpPassword, checkedIterations, pbeDecipher, pkcs12Kdf, UnsupportedEncryptionError } from './pbe.js';

type Pkcs12Failure = 'wrong-password' | 'unreadable' | 'unsupported';

export class Pkcs12ReadError extends Error {
  readonly failure: Pkcs12Failure;
  constructor(failure: Pkcs12Failure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Pkcs12ReadError';
    this.failure = failure;
  }
}

interface Pkcs12Contents {
  privateKeys: KeyObject[];
  /** In bag order, which need not put the leaf first. */
  certificates: X509Certificate[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
} as const;

const DIGEST_BY_OID: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export function readPkcs12(file: Buffer, password: string): Pkcs12Contents {
  let pfx: DerNode[];
  let authSafe: Buffer;
  try {
    pfx = sequence(readDer(file), 'PFX');
    const [contentType, content] = sequence(pfx[1], 'authSafe ContentInfo');
    if (oid(contentType, 'content type') !== OID.data) {
      throw new Pkcs12ReadError('unsupported', 'public-key-protected (signed) PKCS#12 files are not supported');
    }
    authSafe = octetString(explicit(content, 0, 'authSafe content'), 'authSafe data');
  } catch (error) {
    throw asReadError(error, 'not a PKCS#12 file');
  }

  const macData = pfx[2];
  if (macData) verifyMac(macData, authSafe, password);
  // With a verified MAC the password is right, so a later decryption failure means damage.
  const reader = new SafeContentsReader(password, macData ? 'unreadable' : 'wrong-password');
  try {
    for (const contentInfo of sequence(readDer(authSafe), 'AuthenticatedSafe')) {
      reader.readContentInfo(contentInfo);
    }
  } catch (error) {
    throw asReadError(error, 'damaged PKCS#12 content');
  }
  return reader.contents;
}

class SafeContentsReader {
  readonly contents: Pkcs12Contents = { privateKeys: [], certificates: [] };

  constructor(
    private readonly password: string,
    private readonly badDecrypt: Pkcs12Failure,
  ) {}

  readContentInfo(contentInfo: DerNode): void {
    const [type, content] = sequence(contentInfo, 'ContentInfo');
    const typeOid = oid(type, 'content type');
    if (typeOid === OID.data) {
      this.readSafeContents(octetString(explicit(content, 0, 'data'), 'data'));
    } else if (typeOid === OID.encryptedData) {
      const [, encryptedContentInfo] = sequence(explicit(content, 0, 'encryptedData'), 'EncryptedData');
      const [, algorithm, encrypted] = sequence(encryptedContentInfo, 'EncryptedContentInfo');
      if (!encrypted) {
        throw new DerError('EncryptedContentInfo without content');
      }
      // encryptedContent is [0] IMPLICIT OCTET STRING: primitive, or segmented in BER.
      const plain = this.decrypt(algorithm, implicitOctets(encrypted));
      try {
        this.readSafeContents(plain);
      } catch (error) {
        // Without a MAC, a wrong password can pass the padding check and yield garbage.
        if (error instanceof Pkcs12ReadError || this.badDecrypt !== 'wrong-password') {
          throw error;
        }
        throw new Pkcs12ReadError(this.badDecrypt, 'decrypted content is not readable', {
          cause: error,
        });
      }
    } else {
      throw new Pkcs12ReadError('unsupported', 'public-key-encrypted PKCS#12 content is not supported');
    }
  }

  private readSafeContents(der: Buffer): void {
    for (const bag of sequence(readDer(der), 'SafeContents')) {
      const [bagId, bagValue] = sequence(bag, 'SafeBag');
      const value = explicit(bagValue, 0, 'bag value');
      switch (oid(bagId, 'bag id')) {
        case OID.keyBag:
          this.addKey(value.raw);
          break;
        case OID.shroudedKeyBag: {
          const [algorithm, encrypted] = sequence(value, 'EncryptedPrivateKeyInfo');
          this.addKey(this.decrypt(algorithm, octetString(encrypted, 'encrypted key')));
          break;
        }
        case OID.certBag: {
          const [certType, certValue] = sequence(value, 'CertBag');
          // SDSI certificates exist in the standard, not in the wild: skip them.
          if (oid(certType, 'certificate type') !== OID.x509Certificate) break;
          const der = octetString(explicit(certValue, 0, 'cert'), 'cert');
          this.contents.certificates.push(new X509Certificate(der));
          break;
        }
        case OID.safeContentsBag:
          this.readSafeContents(value.raw);
          break;
        default:
          break; // CRL and secret bags carry nothing we need
      }
    }
  }

  private addKey(privateKeyInfo: Buffer): void {
    try {
      this.contents.privateKeys.push(createPrivateKey({ key: privateKeyInfo, format: 'der', type: 'pkcs8' }));
    } catch (cause) {
      throw new Pkcs12ReadError(this.badDecrypt, 'the private key could not be read', { cause });
    }
  }

  private decrypt(algorithm: DerNode | undefined, data: Buffer): Buffer {
    const decipher = pbeDecipher(algorithm, this.password);
    try {
      return decipher(data);
    } catch (cause) {
      throw new Pkcs12ReadError(this.badDecrypt, 'decryption failed', {
        cause,
      });
    }
  }
}

function verifyMac(macData: DerNode, authSafe: Buffer, password: string): void {
  let digest: string;
  let expected: Buffer;
  let salt: Buffer;
  let iterations: number;
  try {
    const [digestInfo, saltNode, iterationsNode] = sequence(macData, 'MacData');
    const [algorithm, digestValue] = sequence(digestInfo, 'DigestInfo');
    const digestOid = oid(sequence(algorithm, 'digest algorithm')[0], 'digest algorithm');
    const name = DIGEST_BY_OID[digestOid];
    if (!name) {
      throw new UnsupportedEncryptionError(`unsupported MAC digest ${digestOid}`);
    }
    digest = name;
    expected = octetString(digestValue, 'MAC');
    salt = octetString(saltNode, 'MAC salt');
    iterations = iterationsNode ? checkedIterations(smallInteger(iterationsNode, 'MAC iterations')) : 1;
  } catch (error) {
    throw asReadError(error, 'damaged PKCS#12 MAC');
  }
  const keyLength = createHash(digest).digest().length;
  // An empty password has two encodings in the wild: BMP "" (just the terminator) and no bytes.
  const candidates = password === '' ? [bmpPassword(''), Buffer.alloc(0)] : [bmpPassword(password)];
  for (const bmp of candidates) {
    const key = pkcs12Kdf(bmp, salt, 3, iterations, keyLength, digest);
    const actual = createHmac(digest, key).update(authSafe).digest();
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
      return;
    }
  }
  throw new Pkcs12ReadError('wrong-password', 'the MAC does not verify with this password');
}

function implicitOctets(node: DerNode): Buffer {
  return node.constructed ? Buffer.concat(node.children.map(implicitOctets)) : node.content;
}

function asReadError(error: unknown, what: string): Pkcs12ReadError {
  if (error instanceof Pkcs12ReadError) return error;
  if (error instanceof UnsupportedEncryptionError) {
    return new Pkcs12ReadError('unsupported', error.message, { cause: error });
  }
  return new Pkcs12ReadError('unreadable', what, { cause: error });
}
