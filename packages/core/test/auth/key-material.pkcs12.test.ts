import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKeyMaterial } from '../../src/node/key-files.js';
import {
  createTestPki,
  generateRsaKeyPem,
  makeTempDir,
  removeTempDir,
  writeP12,
  writeP12InBagOrder,
  type P12Variant,
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

describe('loadKeyMaterial: PKCS#12', () => {
  it('proves the openssl variants are the formats they claim to be', () => {
    const modern = writeP12(dir, 'modern', {
      privateKeyPem: pki.privateKeyPem,
      certificatePems: [pki.certificatePem],
      password: PASSWORD,
      fileName: 'm-info.p12',
    });
    const modernInfo = p12Info(modern, false);
    expect(modernInfo).toMatch(/MAC: sha256/);
    expect(modernInfo).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    const legacy = writeP12(dir, 'legacy', {
      privateKeyPem: pki.privateKeyPem,
      certificatePems: [pki.certificatePem],
      password: PASSWORD,
      fileName: 'l-info.p12',
    });
    const legacyInfo = p12Info(legacy, true);
    expect(legacyInfo).toMatch(/MAC: sha1/);
    expect(legacyInfo).toMatch(/pbeWithSHA1And40BitRC2-CBC/);
    expect(legacyInfo).toMatch(/pbeWithSHA1And3-KeyTripleDES-CBC/);
  });

  it.each<[P12Variant, string]>([
    ['modern', PASSWORD],
    ['legacy', PASSWORD],
    ['modern', NON_ASCII_PASSWORD],
    ['legacy', NON_ASCII_PASSWORD],
  ])('reads an openssl %s file (password %s) and picks the leaf certificate', async (variant, password) => {
    const file = writeP12(dir, variant, {
      privateKeyPem: pki.privateKeyPem,
      certificatePems: [pki.certificatePem, pki.caCertificatePem],
      password,
      fileName: `${variant}-${password.length}.p12`,
    });
    const material = await loadKeyMaterial({
      kind: 'pkcs12',
      pkcs12: file,
      password,
    });
    expectLeaf(material, pki);
    expect(material.chain).toHaveLength(2);
    expect(material.certificate?.subject).toContain('Syntetisk Kommune');
  });

  it('picks the certificate matching the key when the CA certificate comes first', async () => {
    const file = writeP12InBagOrder(dir, {
      privateKeyPem: pki.privateKeyPem,
      certificatePems: [pki.caCertificatePem, pki.certificatePem],
      password: PASSWORD,
      fileName: 'ca-first.p12',
    });
    const material = await loadKeyMaterial({
      kind: 'pkcs12',
      pkcs12: file,
      password: PASSWORD,
    });
    expect(material.chain[0]?.subject).toContain('Kjoretoyregister Test CA');
    expectLeaf(material, pki);
  });

  it('accepts the file as base64 text and as bytes', async () => {
    const file = writeP12(dir, 'modern', {
      privateKeyPem: pki.privateKeyPem,
      certificatePems: [pki.certificatePem],
      password: PASSWORD,
      fileName: 'bytes.p12',
    });
    const bytes = readFileSync(file);
    expectLeaf(
      await loadKeyMaterial({
        kind: 'pkcs12',
        pkcs12: bytes.toString('base64'),
        password: PASSWORD,
      }),
      pki,
    );
    expectLeaf(
      await loadKeyMaterial({
        kind: 'pkcs12',
        pkcs12: new Uint8Array(bytes),
        password: PASSWORD,
      }),
      pki,
    );
  });

  it.each<P12Variant>(['modern', 'legacy'])(
    'says "wrong password" for a wrong %s password, without echoing it',
    async (variant) => {
      const file = writeP12(dir, variant, {
        privateKeyPem: pki.privateKeyPem,
        certificatePems: [pki.certificatePem],
        password: PASSWORD,
        fileName: `wrong-${variant}.p12`,
      });
      const error = await configurationError(
        { kind: 'pkcs12', pkcs12: file, password: 'not-the-password' },
        'maskinporten.keyMaterial',
      );
      expect(error.issues).toEqual([
        {
          path: 'maskinporten.keyMaterial.password',
          message: expect.stringMatching(/^wrong password/),
          reason: 'wrong_password',
        },
      ]);
      expect(error.message).not.toContain('not-the-password');
    },
  );

  it('says "wrong password" for a forge-made (3DES, unencrypted certificates) file too', async () => {
    const file = writeP12InBagOrder(dir, {
      privateKeyPem: pki.privateKeyPem,
      certificatePems: [pki.certificatePem],
      password: PASSWORD,
      fileName: 'forge-wrong.p12',
    });
    const error = await configurationError({
      kind: 'pkcs12',
      pkcs12: file,
      password: 'nope',
    });
    expect(error.issues[0]?.path).toBe('keyMaterial.password');
  });

  it.each<P12Variant>(['modern', 'legacy'])(
    'reads a %s file without MAC, and still says "wrong password" for a wrong one',
    async (variant) => {
      const file = writeP12(dir, variant, {
        privateKeyPem: pki.privateKeyPem,
        certificatePems: [pki.certificatePem],
        password: NON_ASCII_PASSWORD,
        fileName: `nomac-${variant}.p12`,
        mac: false,
      });
      expect(p12Info(file, variant === 'legacy', NON_ASCII_PASSWORD)).toMatch(/MAC is absent/);
      expectLeaf(
        await loadKeyMaterial({
          kind: 'pkcs12',
          pkcs12: file,
          password: NON_ASCII_PASSWORD,
        }),
        pki,
      );
      // Several wrong passwords: some pass the CBC padding check by chance and yield garbage.
      for (const wrong of ['feil-1', 'feil-2', 'feil-3', 'feil-4', 'feil-5']) {
        const error = await configurationError({
          kind: 'pkcs12',
          pkcs12: file,
          password: wrong,
        });
        expect(error.issues[0]?.path).toBe('keyMaterial.password');
      }
    },
  );

  it('calls a file that is not PKCS#12 unreadable', async () => {
    const file = join(dir, 'random.p12');
    writeFileSync(file, randomBytes(512));
    const error = await configurationError({
      kind: 'pkcs12',
      pkcs12: file,
      password: PASSWORD,
    });
    expect(error.issues).toEqual([
      {
        path: 'keyMaterial.pkcs12',
        message: expect.stringMatching(/^is unreadable/),
      },
    ]);
  });

  it('says a missing file could not be read, naming the option and not the value', async () => {
    const missing = join(dir, 'does-not-exist.p12');
    const error = await configurationError({
      kind: 'pkcs12',
      pkcs12: missing,
      password: PASSWORD,
    });
    expect(error.issues).toEqual([
      {
        path: 'keyMaterial.pkcs12',
        message: expect.stringContaining('the file could not be read (ENOENT)'),
        reason: 'unreadable',
      },
    ]);
    expect(error.message).not.toContain(missing);
  });

  it('rejects a file whose key matches none of its certificates', async () => {
    const other = generateRsaKeyPem();
    const file = writeP12InBagOrder(dir, {
      privateKeyPem: other.privateKeyPem,
      certificatePems: [pki.caCertificatePem, pki.certificatePem],
      password: PASSWORD,
      fileName: 'mismatch.p12',
    });
    const error = await configurationError({
      kind: 'pkcs12',
      pkcs12: file,
      password: PASSWORD,
    });
    expect(error.issues).toEqual([
      {
        path: 'keyMaterial.pkcs12',
        message: 'the private key does not match any of the 2 certificates',
        reason: 'key_mismatch',
      },
    ]);
  });
});

/** `openssl pkcs12 -info` prints the algorithm lines on stderr. */
function p12Info(file: string, legacy: boolean, password = PASSWORD): string {
  const result = spawnSync('openssl', [
    'pkcs12',
    '-info',
    '-noout',
    '-in',
    file,
    '-passin',
    `pass:${password}`,
    ...(legacy ? ['-legacy'] : []),
  ]);
  return result.stdout.toString() + result.stderr.toString();
}
