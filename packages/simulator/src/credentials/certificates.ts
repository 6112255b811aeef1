import { randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';

/** OID of `organizationIdentifier` (ETSI EN 319 412-1), `NTRNO-<orgnr>` in newer Norwegian certificates. */
const ORGANIZATION_IDENTIFIER_OID = '2.5.4.97';

interface CertificateValidity {
  notBefore: Date;
  notAfter: Date;
}

export interface CaInput extends CertificateValidity {
  commonName: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface LeafInput extends CertificateValidity {
  /** Signs the leaf. */
  ca: { certPem: string; privateKeyPem: string };
  publicKeyPem: string;
  orgnr: string;
  organisation: string;
  commonName: string;
}

/** A self-signed CA, the trust anchor Maskinporten's x5c check uses (docs/contract.md#s2.3, MP-120). */
export function createCaCertificate(input: CaInput): string {
  const cert = baseCertificate(input.publicKeyPem, input);
  const subject = [
    { shortName: 'C', value: 'NO' },
    { shortName: 'O', value: input.commonName, valueTagClass: utf8() },
    { shortName: 'CN', value: input.commonName, valueTagClass: utf8() },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signSha256WithRsa(cert, input.privateKeyPem);
  return forge.pki.certificateToPem(cert);
}

/**
 * A "virksomhetssertifikat" look-alike: subject `serialNumber=<orgnr>` (Buypass/Commfides
 * style) plus `organizationIdentifier=NTRNO-<orgnr>` (SEID 2.0 style), O and CN.
 */
export function issueLeafCertificate(input: LeafInput): string {
  const caCert = forge.pki.certificateFromPem(input.ca.certPem);
  const cert = baseCertificate(input.publicKeyPem, input);
  cert.setSubject([
    { shortName: 'C', value: 'NO' },
    { shortName: 'O', value: input.organisation, valueTagClass: utf8() },
    { type: forge.pki.oids['serialNumber'] ?? '2.5.4.5', value: input.orgnr },
    { type: ORGANIZATION_IDENTIFIER_OID, value: `NTRNO-${input.orgnr}` },
    { shortName: 'CN', value: input.commonName, valueTagClass: utf8() },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signSha256WithRsa(cert, input.ca.privateKeyPem);
  return forge.pki.certificateToPem(cert);
}

/** PEM → standard base64 of the DER bytes: exactly one `x5c` entry (docs/contract.md#s2.3). */
export function pemToDerBase64(certPem: string): string {
  return certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

function baseCertificate(publicKeyPem: string, validity: CertificateValidity): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // A positive serial: DER integers with the high bit set would read as negative.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = validity.notBefore;
  cert.validity.notAfter = validity.notAfter;
  return cert;
}

const SHA256_WITH_RSA_OID = '1.2.840.113549.1.1.11';
// forge's cert.sign() builds the to-be-signed DER with this helper; its typings leave it out.
const { getTBSCertificate } = forge.pki as typeof forge.pki & {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
};

/**
 * What forge's `cert.sign(key, sha256)` does, with node:crypto making the RSA signature. forge's
 * pure-JS bignum picks, whenever a global `navigator` exists (Node >= 21), a multiply that reads the
 * global `Math` once per limb; inside Jest's vm context that global read is slow, and one signature
 * took about 2.8 s on Node 22-26 (80 ms on Node 20), so starting a simulator in a test took 20-50 s.
 */
function signSha256WithRsa(cert: forge.pki.Certificate, privateKeyPem: string): void {
  cert.signatureOid = SHA256_WITH_RSA_OID;
  cert.siginfo.algorithmOid = SHA256_WITH_RSA_OID;
  cert.tbsCertificate = getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, privateKeyPem).toString('binary');
}

function utf8(): number {
  return forge.asn1.Type.UTF8;
}
