/**
 * Loads the signing key for the Maskinporten grant: a virksomhetssertifikat as PKCS#12 or PEM
 * (certificate mode, `x5c`), or a key registered on the client (key mode, `kid`) (docs/contract.md#s2.3,
 * docs/contract.md#s9.6). Every failure is a ConfigurationError naming the option, never its value.
 */

import { X509Certificate, type JsonWebKey, type KeyObject } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import { describeCertificate, type CertificateInfo } from './certificate-info.js';
import { looksLikePem, readBinarySource, readTextSource, type ReadKeyFile } from './key-source.js';
import { Pkcs12ReadError, readPkcs12 } from './pkcs12.js';
import { checkRsa, fail, loadJwk, loadPemPrivateKey } from './private-key.js';

export type { CertificateInfo } from './certificate-info.js';

interface KeyMaterialInputBase {
  /** For the certificate validity-date check; defaults to the system clock. */
  clock?: Clock;
}

/** A virksomhetssertifikat as .p12/.pfx: its bytes, base64 of the file, or (Node entry) a file path. */
export interface Pkcs12KeyMaterialInput extends KeyMaterialInputBase {
  kind: 'pkcs12';
  pkcs12: string | Uint8Array;
  password: string;
}

/** Certificate (leaf, optionally with its chain) and private key as PEM: inline, base64 or (Node entry) a path. */
export interface PemKeyMaterialInput extends KeyMaterialInputBase {
  kind: 'pem';
  certificate: string;
  /** PKCS#8, PKCS#1 (`BEGIN RSA PRIVATE KEY`) or encrypted (then `passphrase` is required). */
  privateKey: string;
  passphrase?: string;
}

/** A key registered on the Maskinporten client: PEM key or private JWK, plus its `kid`. */
export interface RegisteredKeyMaterialInput extends KeyMaterialInputBase {
  kind: 'key';
  kid: string;
  privateKey?: string;
  passphrase?: string;
  /** A private JWK: object, JSON text, base64 of the JSON, or (Node entry) a path to a .json file. */
  jwk?: string | JsonWebKey;
}

export type KeyMaterialInput = Pkcs12KeyMaterialInput | PemKeyMaterialInput | RegisteredKeyMaterialInput;

export interface KeyMaterial {
  /** `x5c`: certificate mode; `kid`: registered-key mode (docs/contract.md#s2.3). */
  mode: 'x5c' | 'kid';
  privateKey: KeyObject;
  /** Standard base64 of the leaf certificate's DER: the leaf only (docs/contract.md#s2.3). */
  x5c?: string[];
  kid?: string;
  /** The certificate matching `privateKey`. */
  certificate?: CertificateInfo;
  /** Every certificate found in the input, in input order (leaf included). */
  chain: CertificateInfo[];
}

export interface LoadKeyMaterialOptions {
  /** Prefix for issue paths, so callers can map them to their own option names. */
  optionPath?: string;
  /**
   * Reads key material given as a file path. The Node entry's `loadKeyMaterial` reads from disk;
   * on the host entry it is unset unless the host passes its own, and a path is then rejected.
   */
  readFile?: ReadKeyFile;
}

export async function loadKeyMaterial(
  input: KeyMaterialInput,
  options: LoadKeyMaterialOptions = {},
): Promise<KeyMaterial> {
  const prefix = options.optionPath ?? 'keyMaterial';
  const clock = input.clock ?? systemClock;
  const readFile = options.readFile;
  switch (input.kind) {
    case 'pkcs12':
      return loadPkcs12(input, prefix, clock, readFile);
    case 'pem':
      return loadPem(input, prefix, clock, readFile);
    case 'key':
      return loadRegisteredKey(input, prefix, readFile);
    default:
      throw fail(`${prefix}.kind`, "must be 'pkcs12', 'pem' or 'key'");
  }
}

async function loadPkcs12(
  input: Pkcs12KeyMaterialInput,
  prefix: string,
  clock: Clock,
  readFile: ReadKeyFile | undefined,
): Promise<KeyMaterial> {
  const path = `${prefix}.pkcs12`;
  if (typeof input.password !== 'string') {
    throw fail(`${prefix}.password`, 'is required for a PKCS#12 file');
  }
  const file = await readBinarySource(input.pkcs12, path, readFile);
  let contents;
  try {
    contents = readPkcs12(file, input.password);
  } catch (error) {
    if (!(error instanceof Pkcs12ReadError)) throw error;
    if (error.failure === 'wrong-password') {
      throw fail(
        `${prefix}.password`,
        'wrong password: the PKCS#12 file cannot be decrypted with it',
        error,
        'wrong_password',
      );
    }
    const reason =
      error.failure === 'unsupported'
        ? `uses an unsupported format (${error.message})`
        : 'is unreadable: not a PKCS#12 (.p12/.pfx) file, or damaged';
    throw fail(path, reason, error);
  }
  const [privateKey, ...others] = contents.privateKeys;
  if (!privateKey) throw fail(path, 'holds no private key');
  if (contents.certificates.length === 0) {
    throw fail(path, 'holds no certificate');
  }
  // A p12 with several keys is rare; take the first one that has its certificate alongside.
  const key =
    [privateKey, ...others].find((candidate) => contents.certificates.some((c) => c.checkPrivateKey(candidate))) ??
    privateKey;
  return certificateMaterial(key, contents.certificates, path, clock);
}

async function loadPem(
  input: PemKeyMaterialInput,
  prefix: string,
  clock: Clock,
  readFile: ReadKeyFile | undefined,
): Promise<KeyMaterial> {
  const certificatePath = `${prefix}.certificate`;
  const certificateText = await readTextSource(input.certificate ?? '', certificatePath, looksLikePem, readFile);
  const blocks = certificateText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw fail(certificatePath, 'holds no PEM certificate (BEGIN CERTIFICATE)');
  }
  let certificates: X509Certificate[];
  try {
    certificates = blocks.map((block) => new X509Certificate(block));
  } catch (error) {
    throw fail(certificatePath, 'is unreadable: a PEM certificate block could not be parsed', error);
  }
  const privateKey = await loadPemPrivateKey(input.privateKey, input.passphrase, prefix, readFile);
  return certificateMaterial(privateKey, certificates, certificatePath, clock);
}

async function loadRegisteredKey(
  input: RegisteredKeyMaterialInput,
  prefix: string,
  readFile: ReadKeyFile | undefined,
): Promise<KeyMaterial> {
  if (typeof input.kid !== 'string' || input.kid.trim() === '') {
    throw fail(`${prefix}.kid`, 'is required in key mode: the key id registered on the Maskinporten client');
  }
  if ((input.privateKey === undefined) === (input.jwk === undefined)) {
    throw fail(prefix, 'key mode needs exactly one of privateKey (PEM) or jwk');
  }
  const privateKey =
    input.privateKey !== undefined
      ? await loadPemPrivateKey(input.privateKey, input.passphrase, prefix, readFile)
      : await loadJwk(input.jwk, `${prefix}.jwk`, readFile);
  checkRsa(privateKey, input.privateKey !== undefined ? `${prefix}.privateKey` : `${prefix}.jwk`);
  return { mode: 'kid', privateKey, kid: input.kid, chain: [] };
}

function certificateMaterial(
  privateKey: KeyObject,
  certificates: X509Certificate[],
  path: string,
  clock: Clock,
): KeyMaterial {
  checkRsa(privateKey, path);
  const leaf = certificates.find((certificate) => certificate.checkPrivateKey(privateKey));
  if (!leaf) {
    const count = certificates.length === 1 ? 'the certificate' : `any of the ${certificates.length} certificates`;
    throw fail(path, `the private key does not match ${count}`, undefined, 'key_mismatch');
  }
  const certificate = describeCertificate(leaf);
  const now = clock.now();
  if (now < certificate.notBefore.getTime()) {
    throw fail(
      path,
      `the certificate is not yet valid (valid from ${certificate.notBefore.toISOString()})`,
      undefined,
      'certificate_not_yet_valid',
    );
  }
  if (now > certificate.notAfter.getTime()) {
    throw fail(
      path,
      `the certificate has expired (valid until ${certificate.notAfter.toISOString()})`,
      undefined,
      'certificate_expired',
    );
  }
  return {
    mode: 'x5c',
    privateKey,
    // Standard base64 of DER, no PEM armour, leaf only (docs/contract.md#s2.3).
    x5c: [leaf.raw.toString('base64')],
    certificate,
    chain: certificates.map(describeCertificate),
  };
}
