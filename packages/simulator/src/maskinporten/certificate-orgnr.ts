import type { X509Certificate } from 'node:crypto';

/**
 * The organisation number in a Norwegian business certificate: `organizationIdentifier`
 * `NTRNO-<orgnr>` (SEID 2.0) or, in older certificates, `serialNumber=<orgnr>`.
 */
export function certificateOrgnr(cert: X509Certificate): string | undefined {
  const fields = new Map<string, string>();
  for (const line of cert.subject.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const identifier = fields.get('organizationIdentifier') ?? fields.get('2.5.4.97');
  const fromIdentifier = identifier?.match(/^NTRNO-(\d{9})$/)?.[1];
  if (fromIdentifier) return fromIdentifier;
  const serial = fields.get('serialNumber');
  return serial && /^\d{9}$/.test(serial) ? serial : undefined;
}
