/**
 * RC2-CBC decryption (RFC 2268), for legacy PKCS#12 files (`openssl pkcs12 -legacy`, Windows
 * exports) that encrypt their certificates with pbeWithSHAAnd40BitRC2-CBC. Written here rather than
 * taken from a library: OpenSSL 3 has RC2 only in its legacy provider, which Node does not load, so
 * node:crypto cannot decrypt it; and node-forge (which can) cannot be bundled into n8n (its code
 * reads `process`, `global` and `setImmediate`). Decryption only: we never write such files.
 */

/** RFC 2268 §2: PITABLE, a permutation of 0..255 from the digits of pi. */
const PITABLE = Uint8Array.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb6266fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b255597312d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad'.match(
    /../g,
  ) ?? [],
  (byte) => parseInt(byte, 16),
);

const BLOCK = 8;

/** RFC 2268 §2: 64 16-bit round keys from `key` (1–128 bytes) and the effective key length in bits. */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  if (key.length < 1 || key.length > 128) throw new RangeError('RC2 key must be 1 to 128 bytes');
  if (effectiveBits < 1 || effectiveBits > 1024)
    throw new RangeError('RC2 effective key length must be 1 to 1024 bits');
  const l = new Uint8Array(128);
  l.set(key);
  const t = key.length;
  for (let i = t; i < 128; i++) l[i] = PITABLE[((l[i - 1] ?? 0) + (l[i - t] ?? 0)) & 0xff] ?? 0;
  const t8 = (effectiveBits + 7) >> 3;
  const tm = 0xff >> (8 * t8 - effectiveBits);
  l[128 - t8] = PITABLE[(l[128 - t8] ?? 0) & tm] ?? 0;
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[(l[i + 1] ?? 0) ^ (l[i + t8] ?? 0)] ?? 0;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = (l[2 * i] ?? 0) | ((l[2 * i + 1] ?? 0) << 8);
  return k;
}

const SHIFTS = [1, 2, 3, 5] as const;

/** RFC 2268 §4: one 8-byte block, decrypted in place at `offset`. */
export function rc2DecryptBlock(k: Uint16Array, data: Uint8Array, offset: number): void {
  const r = new Uint16Array(4);
  for (let i = 0; i < 4; i++) r[i] = (data[offset + 2 * i] ?? 0) | ((data[offset + 2 * i + 1] ?? 0) << 8);
  let j = 63;
  const word = (i: number) => r[i & 3] ?? 0;
  const mix = () => {
    for (let i = 3; i >= 0; i--) {
      const shift = SHIFTS[i] ?? 0;
      const value = word(i);
      const rotated = ((value >>> shift) | (value << (16 - shift))) & 0xffff;
      r[i] = rotated - (k[j] ?? 0) - (word(i - 1) & word(i - 2)) - (~word(i - 1) & word(i - 3));
      j--;
    }
  };
  const mash = () => {
    for (let i = 3; i >= 0; i--) r[i] = word(i) - (k[word(i - 1) & 63] ?? 0);
  };
  for (let round = 0; round < 5; round++) mix();
  mash();
  for (let round = 0; round < 6; round++) mix();
  mash();
  for (let round = 0; round < 5; round++) mix();
  for (let i = 0; i < 4; i++) {
    data[offset + 2 * i] = word(i) & 0xff;
    data[offset + 2 * i + 1] = word(i) >> 8;
  }
}

/** Thrown when the ciphertext is not whole blocks or its padding is wrong (a wrong password, mostly). */
export class Rc2DecryptError extends Error {}

/** RC2-CBC with PKCS#7 padding (RFC 2315 §10.3), as PKCS#12's PBE schemes use it. */
export function rc2CbcDecrypt(
  key: Uint8Array,
  effectiveBits: number,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  if (iv.length !== BLOCK) throw new Rc2DecryptError('RC2-CBC needs an 8-byte IV');
  if (ciphertext.length === 0 || ciphertext.length % BLOCK !== 0) {
    throw new Rc2DecryptError('RC2-CBC ciphertext is not a whole number of blocks');
  }
  const k = rc2ExpandKey(key, effectiveBits);
  const out = Uint8Array.from(ciphertext);
  for (let offset = 0; offset < out.length; offset += BLOCK) {
    rc2DecryptBlock(k, out, offset);
    const previous = offset === 0 ? iv : ciphertext.subarray(offset - BLOCK, offset);
    for (let i = 0; i < BLOCK; i++) out[offset + i] = (out[offset + i] ?? 0) ^ (previous[i] ?? 0);
  }
  const pad = out[out.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || out.subarray(out.length - pad).some((byte) => byte !== pad)) {
    throw new Rc2DecryptError('bad padding');
  }
  return out.subarray(0, out.length - pad);
}
