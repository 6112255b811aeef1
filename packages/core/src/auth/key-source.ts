/**
 * Turns a key-material option into bytes: inline text, base64 (how secrets usually arrive through
 * environment variables), or a file path when the entry point can read files. Errors name the
 * option, never its value: a value we failed to recognise may be key material itself.
 */

import { ConfigurationError } from '../errors.js';

/**
 * Reads a key file given as a path. The Node entry passes one that reads from disk (node/key-files.ts);
 * the host entry has none, so there a value that is neither inline nor base64 is a configuration error.
 */
export type ReadKeyFile = (path: string) => Promise<Uint8Array>;

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;
/** Shorter values are taken as paths: base64 of any real key or certificate is far longer. */
const MIN_BASE64_LENGTH = 64;

export const looksLikePem = (text: string): boolean => text.includes('-----BEGIN ');
export const looksLikeJson = (text: string): boolean => text.trimStart().startsWith('{');

/** Inline text, base64 of the text, or a path to a file holding it (with `readFile` only). */
export async function readTextSource(
  value: string,
  path: string,
  isInline: (text: string) => boolean,
  readFile: ReadKeyFile | undefined,
): Promise<string> {
  if (value.trim() === '') throw issue(path, 'is empty');
  if (isInline(value)) return value;
  const decoded = decodeBase64(value);
  if (decoded) {
    const text = decoded.toString('utf8');
    if (isInline(text)) return text;
  }
  return (await readFileOption(value, path, readFile)).toString('utf8');
}

/** Raw bytes, base64 of DER (starts with an ASN.1 SEQUENCE), or a path to a file (with `readFile` only). */
export async function readBinarySource(
  value: string | Uint8Array,
  path: string,
  readFile: ReadKeyFile | undefined,
): Promise<Buffer> {
  if (typeof value !== 'string') {
    if (value.length === 0) throw issue(path, 'is empty');
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value.trim() === '') throw issue(path, 'is empty');
  const decoded = decodeBase64(value);
  if (decoded && decoded[0] === 0x30) return decoded;
  return readFileOption(value, path, readFile);
}

function decodeBase64(value: string): Buffer | undefined {
  if (value.length < MIN_BASE64_LENGTH || !BASE64.test(value)) return undefined;
  const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64');
  return decoded.length > 0 ? decoded : undefined;
}

async function readFileOption(filePath: string, path: string, readFile: ReadKeyFile | undefined): Promise<Buffer> {
  if (!readFile) {
    throw issue(
      path,
      "is neither inline key material nor base64; file paths are read only by the Node entry (@kjoretoyregister/core), so pass the key's contents",
      'unreadable',
    );
  }
  try {
    const bytes = await readFile(filePath);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    // Only the error code: the fs message would echo the value, which may be mangled key text.
    const code = (error as { code?: unknown }).code;
    throw issue(
      path,
      `the file could not be read${typeof code === 'string' ? ` (${code})` : ''}; give a readable file path, inline PEM/JSON or base64`,
      'unreadable',
    );
  }
}

function issue(path: string, message: string, reason?: 'unreadable'): ConfigurationError {
  return new ConfigurationError([{ path, message, ...(reason ? { reason } : {}) }]);
}
