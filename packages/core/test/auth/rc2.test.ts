import forge from 'node-forge';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadKeyMaterial } from '../../src/auth/key-material.js';
import { rc2CbcDecrypt, rc2DecryptBlock, rc2ExpandKey, Rc2DecryptError } from '../../src/auth/rc2.js';
import { createTestPki, makeTempDir, removeTempDir, writeP12 } from '../support/pki.js';
import { expectLeaf, NON_ASCII_PASSWORD, PASSWORD } from './support/key-assertions.js';

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

/** RFC 2268 §5: key, effective key bits, plaintext, ciphertext (all one block). */
const RFC_2268_VECTORS: ReadonlyArray<[key: string, bits: number, plaintext: string, ciphertext: string]> = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  ['88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', 129, '0000000000000000', '5b78d3a43dfff1f1'],
];

describe('RC2 (RFC 2268)', () => {
  it.each(RFC_2268_VECTORS)(
    'decrypts the RFC test vector for key %s (%i effective bits)',
    (key, bits, plain, cipher) => {
      const block = hex(cipher);
      rc2DecryptBlock(rc2ExpandKey(hex(key), bits), block, 0);
      expect(Buffer.from(block).toString('hex')).toBe(plain);
    },
  );

  /** node-forge (a test-only dependency) as an independent RC2-CBC encryption with PKCS#7 padding. */
  function forgeEncrypt(key: Uint8Array, bits: number, iv: Uint8Array, plain: Uint8Array): Uint8Array {
    const cipher = forge.rc2.createEncryptionCipher(Buffer.from(key).toString('binary'), bits);
    cipher.start(Buffer.from(iv).toString('binary'));
    cipher.update(forge.util.createBuffer(Buffer.from(plain).toString('binary')));
    cipher.finish();
    return Uint8Array.from(Buffer.from(cipher.output.getBytes(), 'binary'));
  }

  it.each([
    [5, 40, 0],
    [5, 40, 37],
    [16, 128, 64],
    [16, 128, 1000],
  ])(
    'decrypts CBC with padding as another implementation encrypts it (%i-byte key, %i bits, %i bytes)',
    (keyLength, bits, size) => {
      const key = randomBytes(keyLength);
      const iv = randomBytes(8);
      const plain = randomBytes(size);
      const encrypted = forgeEncrypt(key, bits, iv, plain);
      expect(Buffer.from(rc2CbcDecrypt(key, bits, iv, encrypted))).toEqual(plain);
    },
  );

  it('rejects a wrong key by its padding, and ciphertext that is not whole blocks', () => {
    const key = randomBytes(5);
    const iv = randomBytes(8);
    const encrypted = forgeEncrypt(key, 40, iv, Buffer.from('certificate bag, 32 bytes long!!'));
    const wrongKey = Uint8Array.from(key, (byte, i) => (i === 0 ? byte ^ 1 : byte));
    // One in ~256 wrong keys happens to end in valid padding; this key is fixed per run, so retry a few.
    const failures = [wrongKey, randomBytes(5), randomBytes(5)].filter((candidate) => {
      try {
        rc2CbcDecrypt(candidate, 40, iv, encrypted);
        return false;
      } catch (error) {
        return error instanceof Rc2DecryptError;
      }
    });
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(() => rc2CbcDecrypt(key, 40, iv, encrypted.subarray(0, 12))).toThrow(Rc2DecryptError);
  });
});

describe('legacy PKCS#12 (RC2-40 certificate bags) on the host entry', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir();
  });
  afterAll(() => removeTempDir(dir));

  it.each([PASSWORD, NON_ASCII_PASSWORD])(
    'loads an openssl -legacy file given as bytes (password %s)',
    async (password) => {
      const pki = createTestPki({ orgnr: '310000001' });
      const file = writeP12(dir, 'legacy', {
        privateKeyPem: pki.privateKeyPem,
        certificatePems: [pki.certificatePem, pki.caCertificatePem],
        password,
        fileName: `legacy-${password.length}.p12`,
      });
      const bytes = Uint8Array.from(readFileSync(file));
      const material = await loadKeyMaterial({ kind: 'pkcs12', pkcs12: bytes, password });
      expectLeaf(material, pki);
      expect(material.chain).toHaveLength(2);
      const asBase64 = await loadKeyMaterial({
        kind: 'pkcs12',
        pkcs12: Buffer.from(bytes).toString('base64'),
        password,
      });
      expectLeaf(asBase64, pki);
    },
  );
});
