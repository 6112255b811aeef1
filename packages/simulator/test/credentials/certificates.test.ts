import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { createCaCertificate, issueLeafCertificate } from '../../src/index.js';
import { freshKey } from '../maskinporten/grant-signing.js';

const validity = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') };
const caKey = freshKey();
const leafKey = freshKey();

describe('test CA and virksomhetssertifikat look-alikes', () => {
  const caPem = createCaCertificate({ commonName: 'Simulator Test CA', ...caKey, ...validity });
  const ca = new X509Certificate(caPem);

  it('self-signs the CA with sha256WithRSAEncryption, verifiable by node:crypto', () => {
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('CN=Simulator Test CA');
  });

  it('issues a leaf that the CA signed, with the orgnr subject fields Maskinporten reads', () => {
    const leafPem = issueLeafCertificate({
      ca: { certPem: caPem, privateKeyPem: caKey.privateKeyPem },
      publicKeyPem: leafKey.publicKeyPem,
      orgnr: '310000019',
      organisation: 'Demo kommune',
      commonName: 'Demo kommune',
      ...validity,
    });
    const leaf = new X509Certificate(leafPem);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.subject).toContain('serialNumber=310000019');
    expect(leaf.subject).toContain('organizationIdentifier=NTRNO-310000019');
    expect(leaf.validFrom).toBe('Jan  1 00:00:00 2026 GMT');
  });

  // Every startSimulator() signs a CA and several leaves. forge's pure-JS RSA took about 2.8 s per
  // signature inside Jest on Node 22, 24 and 26 (see signSha256WithRsa), so test files that start
  // simulators ran into their hook timeouts there. The signature must come from node:crypto.
  it("signs with node:crypto, never with forge's JavaScript RSA", () => {
    const forgeKeyParse = jest.spyOn(forge.pki, 'privateKeyFromPem');
    try {
      issueLeafCertificate({
        ca: { certPem: caPem, privateKeyPem: caKey.privateKeyPem },
        publicKeyPem: leafKey.publicKeyPem,
        orgnr: '310000019',
        organisation: 'Demo kommune',
        commonName: 'leaf',
        ...validity,
      });
      createCaCertificate({ commonName: 'Another CA', ...caKey, ...validity });
      expect(forgeKeyParse).not.toHaveBeenCalled();
    } finally {
      forgeKeyParse.mockRestore();
    }
  });
});
