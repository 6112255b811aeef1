/**
 * What the Node entry adds to key loading: key material given as a file path is read from disk.
 * The parsing is the host entry's (auth/key-material.ts); only `readFile` is injected here.
 */

import { readFile } from 'node:fs/promises';
import type { FetchMaskinportenTokenOptions } from '../auth/fetch-token.js';
import { fetchMaskinportenTokenWith } from '../auth/fetch-token.js';
import {
  loadKeyMaterial as loadInlineKeyMaterial,
  type KeyMaterial,
  type KeyMaterialInput,
  type LoadKeyMaterialOptions,
} from '../auth/key-material.js';
import type { ReadKeyFile } from '../auth/key-source.js';
import type { TokenResponse } from '../auth/token-client.js';

export const readKeyFileFromDisk: ReadKeyFile = (path) => readFile(path);

/** Loads and checks key material; a string that is neither inline nor base64 is read as a file path. */
export function loadKeyMaterial(input: KeyMaterialInput, options: LoadKeyMaterialOptions = {}): Promise<KeyMaterial> {
  return loadInlineKeyMaterial(input, { readFile: readKeyFileFromDisk, ...options });
}

/**
 * A one-shot Maskinporten token (auth/fetch-token.ts); key material may also be given as file
 * paths here, as in the client's options.
 */
export function fetchMaskinportenToken(options: FetchMaskinportenTokenOptions): Promise<TokenResponse> {
  return fetchMaskinportenTokenWith(options, readKeyFileFromDisk);
}
