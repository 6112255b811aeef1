/**
 * Test PKI generated at test time (never committed): a CA and a leaf "virksomhetssertifikat"
 * carrying a synthetic organisation number, plus the file formats real users bring (PKCS#12
 * modern/legacy, PKCS#1, encrypted PEM), made with the openssl CLI as users would.
 */

import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

// forge's cert.sign() builds the to-be-signed DER with this helper; its typings leave it out.
const { getTBSCertificate } = forge.pki as typeof forge.pki & {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
};

export interface TestPkiOptions {
  /** Synthetic 9-digit organisation number. */
  orgnr?: string;
  /** Where the org number goes in the subject: Buypass/Commfides style or eIDAS style. */
  orgnrAttribute?: 'serialNumber' | 'organizationIdentifier';
  notBefore?: Date;
  notAfter?: Date;
  commonName?: string;
}

export interface TestPki {
  orgnr: string;
  caCertificatePem: string;
  caPrivateKeyPem: string;
  /** The leaf (business) certificate. */
  certificatePem: string;
  /** The leaf's key, PKCS#8 PEM. */
  privateKeyPem: string;
  /** Leaf then CA. */
  chainPem: string;
  /** Standard base64 of the leaf's DER: what `x5c` must carry. */
  certificateDerBase64: string;
}

const DAY_MS = 86_400_000;

export function generateRsaKeyPem(modulusLength = 2048): {
  privateKeyPem: string;
  publicKeyPem: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength,
  });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function createTestPki(options: TestPkiOptions = {}): TestPki {
  const orgnr = options.orgnr ?? '310000001';
  const now = Date.now();
  const notBefore = options.notBefore ?? new Date(now - DAY_MS);
  const notAfter = options.notAfter ?? new Date(now + 365 * DAY_MS);

  const caKeys = generateRsaKeyPem();
  const caSubject: forge.pki.CertificateField[] = [
    { name: 'countryName', value: 'NO' },
    { name: 'organizationName', value: 'Test CA AS' },
    { name: 'commonName', value: 'Kjoretoyregister Test CA' },
  ];
  const caCertificate = buildCertificate({
    publicKeyPem: caKeys.publicKeyPem,
    subject: caSubject,
    issuer: caSubject,
    signerKeyPem: caKeys.privateKeyPem,
    notBefore: new Date(Math.min(notBefore.getTime(), now - DAY_MS)),
    notAfter: new Date(Math.max(notAfter.getTime(), now + 3650 * DAY_MS)),
    ca: true,
  });

  const leafKeys = generateRsaKeyPem();
  const orgnrField: forge.pki.CertificateField =
    options.orgnrAttribute === 'organizationIdentifier'
      ? { type: '2.5.4.97', value: `NTRNO-${orgnr}` }
      : { name: 'serialNumber', value: orgnr };
  const leafCertificate = buildCertificate({
    publicKeyPem: leafKeys.publicKeyPem,
    subject: [
      { name: 'countryName', value: 'NO' },
      { name: 'organizationName', value: 'Syntetisk Kommune' },
      orgnrField,
      {
        name: 'commonName',
        value: options.commonName ?? 'Syntetisk Kommune autentisering',
      },
    ],
    issuer: caSubject,
    signerKeyPem: caKeys.privateKeyPem,
    notBefore,
    notAfter,
    ca: false,
  });

  const certificatePem = forge.pki.certificateToPem(leafCertificate);
  const caCertificatePem = forge.pki.certificateToPem(caCertificate);
  return {
    orgnr,
    caCertificatePem,
    caPrivateKeyPem: caKeys.privateKeyPem,
    certificatePem,
    privateKeyPem: leafKeys.privateKeyPem,
    chainPem: certificatePem + caCertificatePem,
    certificateDerBase64: Buffer.from(
      forge.asn1.toDer(forge.pki.certificateToAsn1(leafCertificate)).getBytes(),
      'binary',
    ).toString('base64'),
  };
}

function buildCertificate(spec: {
  publicKeyPem: string;
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  signerKeyPem: string;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
}): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(spec.publicKeyPem);
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = spec.notBefore;
  certificate.validity.notAfter = spec.notAfter;
  certificate.setSubject(spec.subject);
  certificate.setIssuer(spec.issuer);
  certificate.setExtensions(
    spec.ca
      ? [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true },
        ],
  );
  // forge's own cert.sign() would make the RSA signature in pure JS, which inside Jest on Node >= 22
  // costs seconds per certificate (see the simulator's credentials/certificates.ts); node:crypto signs
  // the same to-be-signed bytes in milliseconds.
  const sha256WithRsa = '1.2.840.113549.1.1.11';
  certificate.signatureOid = sha256WithRsa;
  certificate.siginfo.algorithmOid = sha256WithRsa;
  certificate.tbsCertificate = getTBSCertificate(certificate);
  const tbs = Buffer.from(forge.asn1.toDer(certificate.tbsCertificate).getBytes(), 'binary');
  certificate.signature = sign('sha256', tbs, spec.signerKeyPem).toString('binary');
  return certificate;
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kjr-auth-'));
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export type P12Variant = 'modern' | 'legacy';

export interface P12Options {
  privateKeyPem: string;
  /** Leaf first; openssl orders the bags itself (the cert matching the key first). */
  certificatePems: string[];
  password: string;
  fileName?: string;
  /** `false` writes no integrity MAC (`-nomac`); only the decryption can then reveal a wrong password. */
  mac?: boolean;
}

/**
 * `openssl pkcs12 -export` with OpenSSL 3 defaults (PBES2/AES-256-CBC + SHA-256 MAC) or with
 * `-legacy` (RC2-40 certificates, 3DES key, SHA-1 MAC). Returns the file path.
 */
export function writeP12(dir: string, variant: P12Variant, options: P12Options): string {
  const keyFile = writeTemp(dir, 'p12-key.pem', options.privateKeyPem);
  const [leaf, ...rest] = options.certificatePems;
  const leafFile = writeTemp(dir, 'p12-leaf.pem', leaf ?? '');
  const out = join(dir, options.fileName ?? `${variant}.p12`);
  const args = [
    'pkcs12',
    '-export',
    '-inkey',
    keyFile,
    '-in',
    leafFile,
    '-out',
    out,
    '-passout',
    'env:KJR_TEST_P12_PASSWORD',
  ];
  if (rest.length > 0) {
    args.push('-certfile', writeTemp(dir, 'p12-chain.pem', rest.join('')));
  }
  if (variant === 'legacy') args.push('-legacy');
  if (options.mac === false) args.push('-nomac');
  openssl(args, { KJR_TEST_P12_PASSWORD: options.password });
  return out;
}

/**
 * A PKCS#12 built by node-forge with the certificate bags in exactly the given order (openssl
 * always puts the matching certificate first), e.g. CA first as some exports do.
 */
export function writeP12InBagOrder(dir: string, options: P12Options): string {
  const pfx = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(options.privateKeyPem),
    options.certificatePems.map((pem) => forge.pki.certificateFromPem(pem)),
    options.password,
    { algorithm: '3des' },
  );
  const out = join(dir, options.fileName ?? 'bag-order.p12');
  writeFileSync(out, Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary'));
  return out;
}

/** PKCS#1 (`BEGIN RSA PRIVATE KEY`), unencrypted. */
export function toPkcs1Pem(dir: string, privateKeyPem: string): string {
  const keyFile = writeTemp(dir, 'in-key.pem', privateKeyPem);
  return openssl(['rsa', '-in', keyFile, '-traditional']);
}

/** PKCS#8 `BEGIN ENCRYPTED PRIVATE KEY` (PBES2, AES-256-CBC). */
export function toEncryptedPkcs8Pem(dir: string, privateKeyPem: string, passphrase: string): string {
  const keyFile = writeTemp(dir, 'in-key.pem', privateKeyPem);
  return openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', keyFile, '-passout', 'env:KJR_TEST_PASSPHRASE'], {
    KJR_TEST_PASSPHRASE: passphrase,
  });
}

/** Legacy encrypted PKCS#1: `Proc-Type: 4,ENCRYPTED` + `DEK-Info`. */
export function toLegacyEncryptedPkcs1Pem(dir: string, privateKeyPem: string, passphrase: string): string {
  const keyFile = writeTemp(dir, 'in-key.pem', privateKeyPem);
  return openssl(['rsa', '-in', keyFile, '-aes256', '-traditional', '-passout', 'env:KJR_TEST_PASSPHRASE'], {
    KJR_TEST_PASSPHRASE: passphrase,
  });
}

function writeTemp(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function openssl(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('openssl', args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString('utf8');
}
