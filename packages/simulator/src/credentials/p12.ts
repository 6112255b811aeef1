import forge from 'node-forge';

/**
 * A PKCS#12 in the format Buypass and Commfides issue: 3DES-encrypted key and certificates,
 * SHA-1 MAC, the authentication certificate first with its chain after it.
 */
export function createP12(input: {
  privateKeyPem: string;
  certPems: readonly string[];
  password: string;
  friendlyName: string;
}): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(input.privateKeyPem),
    input.certPems.map((pem) => forge.pki.certificateFromPem(pem)),
    input.password,
    { algorithm: '3des', friendlyName: input.friendlyName },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
