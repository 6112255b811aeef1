import { X509Certificate, type KeyObject } from 'node:crypto';
import type { AssertionHeader } from './assertion.js';
import { certificateOrgnr } from './certificate-orgnr.js';
import type { RegisteredClient } from './client-registry.js';
import { reject } from './grant-rejection.js';

type AssertionKey =
  | { mode: 'x5c'; publicKey: KeyObject; certificateOrgnr: string | undefined }
  | { mode: 'kid'; publicKey: KeyObject };

/** Standard base64 (RFC 4648 §4) with padding; base64url or PEM armour fails (MP-123). */
const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Picks the key that must have signed the grant (docs/contract.md#s2.3). When both `x5c` and `kid`
 * are present (the .NET KS client may send both), the certificate wins and `kid` is ignored.
 */
export function resolveAssertionKey(
  header: AssertionHeader,
  client: RegisteredClient,
  trustedCa: X509Certificate,
  nowMs: number,
): AssertionKey {
  if (header.x5c !== undefined) return certificateKey(header.x5c, trustedCa, nowMs);
  if (header.kid !== undefined) {
    const key = typeof header.kid === 'string' ? client.keys.get(header.kid) : undefined;
    if (!key) throw reject.unknownKid();
    if (key.expiresAtMs !== undefined && nowMs > key.expiresAtMs) throw reject.expiredKey();
    return { mode: 'kid', publicKey: key.publicKey };
  }
  throw reject.noKeyReference();
}

function certificateKey(x5c: unknown, trustedCa: X509Certificate, nowMs: number): AssertionKey {
  if (!Array.isArray(x5c) || x5c.length === 0) throw reject.invalidX5c();
  const certs = x5c.map((entry: unknown) => {
    if (typeof entry !== 'string' || entry.length % 4 !== 0 || !STANDARD_BASE64.test(entry)) {
      throw reject.invalidX5c();
    }
    try {
      return new X509Certificate(Buffer.from(entry, 'base64'));
    } catch {
      throw reject.invalidX5c();
    }
  });
  // The leaf only must chain to the test CA; KS's clients send the leaf alone (docs/contract.md#s2.3).
  const leaf = certs[0] as X509Certificate;
  const validFrom = Date.parse(leaf.validFrom);
  const validTo = Date.parse(leaf.validTo);
  const chains = leaf.checkIssued(trustedCa) && leaf.verify(trustedCa.publicKey);
  if (!chains || nowMs < validFrom || nowMs > validTo) throw reject.untrustedCertificate();
  return { mode: 'x5c', publicKey: leaf.publicKey, certificateOrgnr: certificateOrgnr(leaf) };
}
