import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKeyMaterial } from '../../src/node/key-files.js';
import type { Clock } from '../../src/clock.js';
import {
  createTestPki,
  generateRsaKeyPem,
  makeTempDir,
  removeTempDir,
  toEncryptedPkcs8Pem,
  toLegacyEncryptedPkcs1Pem,
  toPkcs1Pem,
  writeP12,
  type TestPki,
} from '../support/pki.js';
import { configurationError, expectLeaf, NON_ASCII_PASSWORD, PASSWORD } from './support/key-assertions.js';

let dir: string;
let pki: TestPki;

beforeAll(async () => {
  dir = await makeTempDir();
  pki = createTestPki({ orgnr: '310000001' });
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe('loadKeyMaterial: PEM', () => {
  it('reads inline PKCS#8 with a chain and sends only the leaf as x5c', async () => {
    const material = await loadKeyMaterial({
      kind: 'pem',
      certificate: pki.chainPem,
      privateKey: pki.privateKeyPem,
    });
    expectLeaf(material, pki);
    expect(material.chain.map((c) => c.subject)).toEqual([
      expect.stringContaining('Syntetisk'),
      expect.stringContaining('Test CA'),
    ]);
  });

  it('finds the leaf by key when the chain lists the CA first', async () => {
    const material = await loadKeyMaterial({
      kind: 'pem',
      certificate: pki.caCertificatePem + pki.certificatePem,
      privateKey: pki.privateKeyPem,
    });
    expectLeaf(material, pki);
  });

  it('reads file paths and base64 of the PEM text', async () => {
    const certFile = join(dir, 'leaf.pem');
    const keyFile = join(dir, 'leaf-key.pem');
    writeFileSync(certFile, pki.certificatePem);
    writeFileSync(keyFile, pki.privateKeyPem);
    expectLeaf(
      await loadKeyMaterial({
        kind: 'pem',
        certificate: certFile,
        privateKey: keyFile,
      }),
      pki,
    );
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    expectLeaf(
      await loadKeyMaterial({
        kind: 'pem',
        certificate: base64(pki.chainPem),
        privateKey: base64(pki.privateKeyPem),
      }),
      pki,
    );
  });

  it('reads a PKCS#1 (BEGIN RSA PRIVATE KEY) key', async () => {
    const pkcs1 = toPkcs1Pem(dir, pki.privateKeyPem);
    expect(pkcs1).toContain('-----BEGIN RSA PRIVATE KEY-----');
    expectLeaf(
      await loadKeyMaterial({
        kind: 'pem',
        certificate: pki.certificatePem,
        privateKey: pkcs1,
      }),
      pki,
    );
  });

  it.each([
    [
      'encrypted PKCS#8',
      (pem: string, pass: string) => toEncryptedPkcs8Pem(dir, pem, pass),
      'BEGIN ENCRYPTED PRIVATE KEY',
    ],
    [
      'legacy encrypted PKCS#1',
      (pem: string, pass: string) => toLegacyEncryptedPkcs1Pem(dir, pem, pass),
      'Proc-Type: 4,ENCRYPTED',
    ],
  ])('reads the %s key with its passphrase and says "wrong passphrase" otherwise', async (_name, encrypt, marker) => {
    const encrypted = encrypt(pki.privateKeyPem, NON_ASCII_PASSWORD);
    expect(encrypted).toContain(marker);
    expectLeaf(
      await loadKeyMaterial({
        kind: 'pem',
        certificate: pki.certificatePem,
        privateKey: encrypted,
        passphrase: NON_ASCII_PASSWORD,
      }),
      pki,
    );

    const wrong = await configurationError({
      kind: 'pem',
      certificate: pki.certificatePem,
      privateKey: encrypted,
      passphrase: 'feil',
    });
    expect(wrong.issues).toEqual([
      {
        path: 'keyMaterial.passphrase',
        message: expect.stringMatching(/^wrong passphrase/),
        reason: 'wrong_password',
      },
    ]);
    const missing = await configurationError({
      kind: 'pem',
      certificate: pki.certificatePem,
      privateKey: encrypted,
    });
    expect(missing.issues).toEqual([
      {
        path: 'keyMaterial.passphrase',
        message: 'is required: the private key is encrypted',
      },
    ]);
  });

  it('calls a damaged unencrypted key unreadable', async () => {
    const damaged = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n';
    const error = await configurationError({
      kind: 'pem',
      certificate: pki.certificatePem,
      privateKey: damaged,
    });
    expect(error.issues).toEqual([
      {
        path: 'keyMaterial.privateKey',
        message: expect.stringMatching(/^is unreadable/),
      },
    ]);
  });

  it('says which option holds no PEM at all', async () => {
    const error = await configurationError({
      kind: 'pem',
      certificate: pki.privateKeyPem,
      privateKey: pki.privateKeyPem,
    });
    expect(error.issues[0]).toEqual({
      path: 'keyMaterial.certificate',
      message: 'holds no PEM certificate (BEGIN CERTIFICATE)',
    });
  });

  it('rejects a key that does not match the certificate', async () => {
    const other = generateRsaKeyPem();
    const error = await configurationError({
      kind: 'pem',
      certificate: pki.certificatePem,
      privateKey: other.privateKeyPem,
    });
    expect(error.issues).toEqual([
      {
        path: 'keyMaterial.certificate',
        message: 'the private key does not match the certificate',
        reason: 'key_mismatch',
      },
    ]);
  });

  it('rejects a key that is not RSA', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const error = await configurationError({
      kind: 'pem',
      certificate: pki.certificatePem,
      privateKey: ec,
    });
    expect(error.issues[0]?.message).toMatch(/is ec, not RSA/);
  });

  it('rejects an RSA key shorter than 2048 bits', async () => {
    const short = generateRsaKeyPem(1024).privateKeyPem;
    const error = await configurationError({
      kind: 'key',
      kid: 'k1',
      privateKey: short,
    });
    expect(error.issues[0]?.message).toBe('the RSA key has 1024 bits; at least 2048 are required');
  });
});

describe('loadKeyMaterial: certificate validity', () => {
  const validFrom = new Date('2030-01-01T00:00:00Z');
  const validTo = new Date('2031-01-01T00:00:00Z');
  let dated: TestPki;
  const at = (iso: string): Clock => ({ now: () => Date.parse(iso) });

  beforeAll(() => {
    dated = createTestPki({ notBefore: validFrom, notAfter: validTo });
  });

  it('accepts the certificate inside its validity period on the injected clock', async () => {
    const material = await loadKeyMaterial({
      kind: 'pem',
      certificate: dated.certificatePem,
      privateKey: dated.privateKeyPem,
      clock: at('2030-06-01T00:00:00Z'),
    });
    expect(material.certificate?.notBefore).toEqual(validFrom);
    expect(material.certificate?.notAfter).toEqual(validTo);
  });

  it('rejects an expired certificate', async () => {
    const error = await configurationError({
      kind: 'pem',
      certificate: dated.certificatePem,
      privateKey: dated.privateKeyPem,
      clock: at('2031-01-01T00:00:01Z'),
    });
    expect(error.issues).toEqual([
      {
        path: 'keyMaterial.certificate',
        message: 'the certificate has expired (valid until 2031-01-01T00:00:00.000Z)',
        reason: 'certificate_expired',
      },
    ]);
  });

  it('rejects a certificate that is not yet valid', async () => {
    const file = writeP12(dir, 'modern', {
      privateKeyPem: dated.privateKeyPem,
      certificatePems: [dated.certificatePem],
      password: PASSWORD,
      fileName: 'future.p12',
    });
    const error = await configurationError({
      kind: 'pkcs12',
      pkcs12: file,
      password: PASSWORD,
      clock: at('2029-12-31T23:59:59Z'),
    });
    expect(error.issues).toEqual([
      {
        path: 'keyMaterial.pkcs12',
        message: 'the certificate is not yet valid (valid from 2030-01-01T00:00:00.000Z)',
        reason: 'certificate_not_yet_valid',
      },
    ]);
  });
});

describe('loadKeyMaterial: organisation number', () => {
  it('reads it from the subject serialNumber (Buypass/Commfides)', async () => {
    const serial = createTestPki({
      orgnr: '310000002',
      orgnrAttribute: 'serialNumber',
    });
    const material = await loadKeyMaterial({
      kind: 'pem',
      certificate: serial.certificatePem,
      privateKey: serial.privateKeyPem,
    });
    expect(material.certificate?.subject).toContain('serialNumber=310000002');
    expect(material.certificate?.organisationNumber).toBe('310000002');
  });

  it('reads it from organizationIdentifier NTRNO-<orgnr>', async () => {
    const eidas = createTestPki({
      orgnr: '310000003',
      orgnrAttribute: 'organizationIdentifier',
    });
    const material = await loadKeyMaterial({
      kind: 'pem',
      certificate: eidas.certificatePem,
      privateKey: eidas.privateKeyPem,
    });
    expect(material.certificate?.subject).toContain('organizationIdentifier=NTRNO-310000003');
    expect(material.certificate?.organisationNumber).toBe('310000003');
  });

  it('leaves it out when the subject has none', async () => {
    const material = await loadKeyMaterial({
      kind: 'pem',
      certificate: pki.caCertificatePem,
      privateKey: pki.caPrivateKeyPem,
    });
    expect(material.certificate).toBeDefined();
    expect(material.certificate?.organisationNumber).toBeUndefined();
  });
});

describe('loadKeyMaterial: registered key (kid)', () => {
  it('reads a PEM key and keeps the kid, with no certificate', async () => {
    const material = await loadKeyMaterial({
      kind: 'key',
      kid: 'kjr-key-1',
      privateKey: pki.privateKeyPem,
    });
    expect(material).toEqual({
      mode: 'kid',
      privateKey: expect.anything(),
      kid: 'kjr-key-1',
      chain: [],
    });
    expect(material.privateKey.asymmetricKeyType).toBe('rsa');
  });

  it('reads a private JWK as object, JSON text and file', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const file = join(dir, 'key.json');
    writeFileSync(file, JSON.stringify(jwk));
    for (const source of [jwk, JSON.stringify(jwk), file]) {
      const material = await loadKeyMaterial({
        kind: 'key',
        kid: 'kjr-key-2',
        jwk: source,
      });
      expect(material.mode).toBe('kid');
      expect(material.privateKey.export({ format: 'jwk' })).toEqual(jwk);
    }
  });

  it('rejects a public JWK, a non-RSA JWK, a missing kid and an ambiguous key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
    });
    const publicJwk = publicKey.export({ format: 'jwk' });
    expect((await configurationError({ kind: 'key', kid: 'k', jwk: publicJwk })).issues[0]).toEqual({
      path: 'keyMaterial.jwk',
      message: 'is a public JWK; a private JWK (with "d") is required',
    });
    const ecJwk = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
    }).privateKey.export({ format: 'jwk' });
    expect((await configurationError({ kind: 'key', kid: 'k', jwk: ecJwk })).issues[0]?.message).toMatch(/not RSA/);
    expect(
      (
        await configurationError({
          kind: 'key',
          kid: ' ',
          privateKey: pki.privateKeyPem,
        })
      ).issues[0]?.path,
    ).toBe('keyMaterial.kid');
    const both = await configurationError({
      kind: 'key',
      kid: 'k',
      privateKey: pki.privateKeyPem,
      jwk: privateKey.export({ format: 'jwk' }),
    });
    expect(both.issues[0]).toEqual({
      path: 'keyMaterial',
      message: 'key mode needs exactly one of privateKey (PEM) or jwk',
    });
  });
});
