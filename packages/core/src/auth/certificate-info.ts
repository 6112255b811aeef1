/**
 * What `kjoretoy doctor` and error messages may say about a certificate: names, dates and the
 * organisation number. A virksomhetssertifikat identifies an organisation, not a person.
 */

import type { X509Certificate } from 'node:crypto';

export interface CertificateInfo {
  /** Distinguished name, attributes joined with ", ". */
  subject: string;
  issuer: string;
  /** The certificate's serial number (hex), not the subject's `serialNumber` attribute. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** The 9-digit organisation number from the subject, when it has one. */
  organisationNumber?: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
}

const ORGNR = /^\d{9}$/;
/** ETSI EN 319 412-1: organizationIdentifier (2.5.4.97) = "NTR" + country + "-" + register number. */
const NTRNO = /^NTRNO-(\d{9})$/;

export function describeCertificate(certificate: X509Certificate): CertificateInfo {
  const info: CertificateInfo = {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    serialNumber: certificate.serialNumber,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    fingerprint256: certificate.fingerprint256,
  };
  const organisationNumber = organisationNumberOf(certificate);
  if (organisationNumber !== undefined) {
    info.organisationNumber = organisationNumber;
  }
  return info;
}

/**
 * Buypass and Commfides put the org number in the subject `serialNumber` (2.5.4.5); newer
 * (eIDAS-style) certificates use `organizationIdentifier` = `NTRNO-<orgnr>`.
 */
export function organisationNumberOf(certificate: X509Certificate): string | undefined {
  const subject = certificate.toLegacyObject().subject as unknown as Record<string, string | string[] | undefined>;
  for (const value of values(subject['organizationIdentifier'] ?? subject['2.5.4.97'])) {
    const match = NTRNO.exec(value.trim());
    if (match?.[1]) return match[1];
  }
  for (const value of values(subject['serialNumber'])) {
    if (ORGNR.test(value.trim())) return value.trim();
  }
  return undefined;
}

function values(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').join(', ');
}
