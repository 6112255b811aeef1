import { createPrivateKey } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, type JWK } from 'jose';
import { createCaCertificate, issueLeafCertificate, pemToDerBase64 } from './certificates.js';
import { DEMO_KOMMUNE, DEMO_LEVERANDOR, DEMO_P12_PASSWORD } from './demo-identities.js';
import { generateRsaKeyPair, type RsaKeyPair } from './key-pairs.js';
import { createP12 } from './p12.js';

/** A virksomhetssertifikat in every form a client may load it (docs/contract.md#s2.8, docs/contract.md#s9.6). */
export interface CertificateCredential {
  orgnr: string;
  clientId: string;
  certPem: string;
  certPath: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  keyPath: string;
  p12Path: string;
  p12Password: string;
  p12Base64: string;
  /** Ready for the grant header: `[standard-base64(DER)]`. */
  x5c: string[];
}

/** "Registered key" mode (docs/contract.md#s2.3): `kid` + private key, no certificate. */
export interface RegisteredKeyCredential {
  kid: string;
  clientId: string;
  privateKeyPem: string;
  privateKeyPath: string;
  publicKeyPem: string;
  /** Private JWK with `kid` and `alg`. */
  privateJwk: JWK;
  jwkPath: string;
}

export interface DemoCredentials {
  dir: string;
  ca: { certPem: string; certPath: string; keyPem: string; keyPath: string };
  /** Demo Kommune's certificate (the default identity in `env`). */
  client: CertificateCredential;
  registeredKey: RegisteredKeyCredential;
  /** Demo Leverandør: a supplier with a delegation from Demo Kommune. */
  supplier: CertificateCredential;
  /** Demo Kommune's key under a CA the simulator does not trust, like a PROD certificate in TEST (MP-120). */
  untrusted: { certPem: string; certPath: string; keyPem: string; x5c: string[] };
}

const DAY_MS = 86_400_000;

/** Generates the test CA, certificates, p12 files and registered key, and writes them to `dir`. */
export async function writeDemoCredentials(dir: string, nowMs: number): Promise<DemoCredentials> {
  const [caKeys, clientKeys, registeredKeys, supplierKeys, untrustedCaKeys] = (await Promise.all(
    Array.from({ length: 5 }, () => generateRsaKeyPair()),
  )) as [RsaKeyPair, RsaKeyPair, RsaKeyPair, RsaKeyPair, RsaKeyPair];
  await mkdir(dir, { recursive: true });
  const file = (name: string) => join(dir, name);
  const ca = {
    certPem: createCaCertificate({
      commonName: 'Kjoretoyregister Simulator Test CA',
      ...caKeys,
      notBefore: new Date(nowMs - DAY_MS),
      notAfter: new Date(nowMs + 10 * 365 * DAY_MS),
    }),
    certPath: file('ca.pem'),
    keyPem: caKeys.privateKeyPem,
    keyPath: file('ca-key.pem'),
  };
  const caSigner = { certPem: ca.certPem, privateKeyPem: caKeys.privateKeyPem };
  const leafValidity = { notBefore: new Date(nowMs - DAY_MS), notAfter: new Date(nowMs + 365 * DAY_MS) };

  const client = await certificateCredential(dir, 'demo-kommune', clientKeys, {
    ...DEMO_KOMMUNE,
    certPem: issueLeafCertificate({
      ca: caSigner,
      publicKeyPem: clientKeys.publicKeyPem,
      ...DEMO_KOMMUNE,
      commonName: DEMO_KOMMUNE.organisation,
      ...leafValidity,
    }),
    caPem: ca.certPem,
  });
  const supplier = await certificateCredential(dir, 'demo-leverandor', supplierKeys, {
    ...DEMO_LEVERANDOR,
    certPem: issueLeafCertificate({
      ca: caSigner,
      publicKeyPem: supplierKeys.publicKeyPem,
      ...DEMO_LEVERANDOR,
      commonName: DEMO_LEVERANDOR.organisation,
      ...leafValidity,
    }),
    caPem: ca.certPem,
  });

  const untrustedCaPem = createCaCertificate({
    commonName: 'Untrusted Production CA',
    ...untrustedCaKeys,
    ...leafValidity,
  });
  const untrustedCertPem = issueLeafCertificate({
    ca: { certPem: untrustedCaPem, privateKeyPem: untrustedCaKeys.privateKeyPem },
    publicKeyPem: clientKeys.publicKeyPem,
    ...DEMO_KOMMUNE,
    commonName: DEMO_KOMMUNE.organisation,
    ...leafValidity,
  });
  const untrusted = {
    certPem: untrustedCertPem,
    certPath: file('untrusted-prod-cert.pem'),
    keyPem: clientKeys.privateKeyPem,
    x5c: [pemToDerBase64(untrustedCertPem)],
  };

  const privateJwk: JWK = {
    ...(await exportJWK(createPrivateKey(registeredKeys.privateKeyPem))),
    kid: DEMO_KOMMUNE.registeredKid,
    alg: 'RS256',
  };
  const registeredKey: RegisteredKeyCredential = {
    kid: DEMO_KOMMUNE.registeredKid,
    clientId: DEMO_KOMMUNE.clientId,
    privateKeyPem: registeredKeys.privateKeyPem,
    privateKeyPath: file('demo-kommune-registered-key.pem'),
    publicKeyPem: registeredKeys.publicKeyPem,
    privateJwk,
    jwkPath: file('demo-kommune-registered-key.jwk.json'),
  };

  await Promise.all([
    writeFile(ca.certPath, ca.certPem),
    writeSecret(ca.keyPath, ca.keyPem),
    writeFile(untrusted.certPath, untrusted.certPem),
    writeSecret(registeredKey.privateKeyPath, registeredKey.privateKeyPem),
    writeSecret(registeredKey.jwkPath, `${JSON.stringify(privateJwk, null, 2)}\n`),
  ]);
  return { dir, ca, client, registeredKey, supplier, untrusted };
}

async function certificateCredential(
  dir: string,
  name: string,
  keys: RsaKeyPair,
  input: { orgnr: string; clientId: string; certPem: string; caPem: string },
): Promise<CertificateCredential> {
  const p12 = createP12({
    privateKeyPem: keys.privateKeyPem,
    certPems: [input.certPem, input.caPem],
    password: DEMO_P12_PASSWORD,
    friendlyName: 'authentication certificate',
  });
  const credential: CertificateCredential = {
    orgnr: input.orgnr,
    clientId: input.clientId,
    certPem: input.certPem,
    certPath: join(dir, `${name}.pem`),
    keyPem: keys.privateKeyPem,
    keyPath: join(dir, `${name}-key.pem`),
    p12Path: join(dir, `${name}.p12`),
    p12Password: DEMO_P12_PASSWORD,
    p12Base64: p12.toString('base64'),
    x5c: [pemToDerBase64(input.certPem)],
  };
  await Promise.all([
    writeFile(credential.certPath, credential.certPem),
    writeSecret(credential.keyPath, credential.keyPem),
    writeSecret(credential.p12Path, p12),
  ]);
  return credential;
}

function writeSecret(path: string, content: string | Buffer): Promise<void> {
  return writeFile(path, content, { mode: 0o600 });
}
