/**
 * The token step of `preAuthentication` and of the credential test: core's one-shot
 * `fetchMaskinportenToken` validates the options with the client's own schema, signs the
 * Maskinporten JWT grant (docs/contract.md#s2) and parses the answer; one of n8n's HTTP helpers
 * carries the POST (http-transports.ts). Nothing here caches: n8n stores the token in the
 * credential's expirable field and asks again only when the field is empty or a request came back
 * 401 (docs/toolchain.md#expirable-credential).
 */

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { fetchMaskinportenToken, type Transport } from '@kjoretoyregister/core/host';
import { maskinportenOptionsOf, readCredentialData } from './credential-data.js';
import type { NodeFieldNames } from './field-names.js';
import { TokenFailure } from './token-failure.js';

/** A fresh Maskinporten access token for the credential, or a TokenFailure saying what to fix. */
export async function fetchAccessToken(
  transport: Transport,
  raw: ICredentialDataDecryptedObject,
  names: NodeFieldNames,
): Promise<string> {
  try {
    const token = await fetchMaskinportenToken({ ...maskinportenOptionsOf(readCredentialData(raw)), transport });
    return token.accessToken;
  } catch (error) {
    throw TokenFailure.from(error, names);
  }
}
