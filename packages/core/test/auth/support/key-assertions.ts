import { X509Certificate } from 'node:crypto';
import type { KeyMaterial, KeyMaterialInput } from '../../../src/auth/key-material.js';
import { loadKeyMaterial } from '../../../src/node/key-files.js';
import { ConfigurationError } from '../../../src/errors.js';
import type { TestPki } from '../../support/pki.js';

export const PASSWORD = 'Sertifikat-passord-1';
export const NON_ASCII_PASSWORD = 'blåbærsyltetøy-Æ';

/** Loads and expects a ConfigurationError, which it returns for closer checks. */
export async function configurationError(input: KeyMaterialInput, optionPath?: string): Promise<ConfigurationError> {
  const error = await loadKeyMaterial(input, optionPath === undefined ? {} : { optionPath }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

/** Certificate mode, x5c = exactly the leaf, and the key really belongs to that leaf. */
export function expectLeaf(material: KeyMaterial, expected: TestPki): void {
  expect(material.mode).toBe('x5c');
  expect(material.x5c).toEqual([expected.certificateDerBase64]);
  expect(material.certificate?.organisationNumber).toBe(expected.orgnr);
  expect(new X509Certificate(Buffer.from(material.x5c?.[0] ?? '', 'base64')).checkPrivateKey(material.privateKey)).toBe(
    true,
  );
}
