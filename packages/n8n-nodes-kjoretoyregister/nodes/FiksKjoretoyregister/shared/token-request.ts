/**
 * The token step of `preAuthentication` and of the credential test: core signs the Maskinporten
 * JWT grant (docs/contract.md#s2) and parses the answer; one of n8n's HTTP helpers carries the POST
 * (http-transports.ts). Nothing here caches: n8n stores the token in the credential's expirable
 * field and asks again only when the field is empty or a request came back 401
 * (docs/toolchain.md#expirable-credential).
 */

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import {
  ConfigurationError,
  createGrant,
  loadKeyMaterial,
  requestToken,
  systemClock,
  type ConfigurationIssue,
  type Transport,
} from '@kjoretoyregister/core';
import { endpointsOf, keyMaterialOf, readCredentialData, type CredentialEndpoints } from './credential-data.js';
import { TokenFailure } from './token-failure.js';

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** Plain http carries the grant and the token in clear text: only the local simulator may use it. */
export function checkUrls(endpoints: CredentialEndpoints): void {
  const issues: ConfigurationIssue[] = [];
  for (const field of ['fiksApiUrl', 'maskinportenIssuer', 'maskinportenTokenUrl'] as const) {
    let url: URL;
    try {
      url = new URL(endpoints[field]);
    } catch {
      issues.push({ path: field, message: 'is not a URL' });
      continue;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
      issues.push({ path: field, message: 'must be https (plain http only for a local simulator on 127.0.0.1)' });
    }
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
}

/** A fresh Maskinporten access token for the credential, or a TokenFailure saying what to fix. */
export async function fetchAccessToken(transport: Transport, raw: ICredentialDataDecryptedObject): Promise<string> {
  try {
    const data = readCredentialData(raw);
    const endpoints = endpointsOf(data);
    checkUrls(endpoints);
    const key = await loadKeyMaterial(keyMaterialOf(data));
    const assertion = await createGrant({
      key,
      audience: endpoints.maskinportenIssuer,
      clientId: data.clientId,
      scope: data.scope,
      ...(data.consumerOrg === '' ? {} : { consumerOrg: data.consumerOrg }),
      clock: systemClock,
    });
    const token = await requestToken({
      transport,
      tokenUrl: endpoints.maskinportenTokenUrl,
      assertion,
    });
    return token.accessToken;
  } catch (error) {
    throw TokenFailure.from(error);
  }
}
