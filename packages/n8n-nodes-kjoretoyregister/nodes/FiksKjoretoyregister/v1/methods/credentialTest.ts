/**
 * The credential test, as `kjoretoy doctor` runs it (packages/cli/src/doctor/checks.ts): key
 * material → Maskinporten token → the token's consumer organisation → one harmless Fiks call,
 * an exact `sok/kjennemerke` for the not-found probe plate with antall=1. A search spends no
 * lookup quota, and the audited query holds no personal data. Every failure says what to fix.
 */

import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { createKjoretoyregisterClient, decodeAccessToken, type AccessToken } from '@kjoretoyregister/core';
import { endpointsOf, readCredentialData } from '../../shared/credential-data.js';
import { legacyRequestTransport } from '../../shared/http-transports.js';
import { fetchAccessToken } from '../../shared/token-request.js';
import { describeFailure } from '../helpers/errors.js';

export const FIKS_PROBE = { kjennemerke: 'XX99999', antall: 1 } as const;

function consumerOf(token: string): string | undefined {
  try {
    return decodeAccessToken(token).consumerOrg;
  } catch {
    // Not a JWT: the Fiks call below reports the rejection with its own hint.
    return undefined;
  }
}

export async function fiksKjoretoyregisterApiTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  const raw = credential.data ?? {};
  // ICredentialTestFunctions has no httpRequest in n8n 2.8; `request` is the only HTTP helper here.
  // eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
  const transport = legacyRequestTransport((options) => this.helpers.request(options));

  let token: string;
  try {
    token = await fetchAccessToken(transport, raw);
  } catch (error) {
    // A TokenFailure: its message already names the step and what to do.
    return { status: 'Error', message: error instanceof Error ? error.message : 'The token request failed' };
  }
  const consumer = consumerOf(token);

  const data = readCredentialData(raw);
  const accessToken: AccessToken = { value: token, expiresAt: Number.MAX_SAFE_INTEGER, expiresIn: 0 };
  try {
    const client = createKjoretoyregisterClient({
      environment: endpointsOf(data).environment,
      fiksApiUrl: endpointsOf(data).fiksApiUrl,
      fiksOrgId: data.fiksOrgId,
      integrasjonId: data.integrasjonId,
      integrasjonPassord: data.integrasjonPassword,
      transport,
      tokenProvider: { getToken: async () => accessToken, invalidate: () => undefined },
      // A test answers once; retrying a wrong password only delays the answer.
      maxAttempts: 1,
    });
    try {
      await client.sok('kjennemerke', FIKS_PROBE);
    } finally {
      await client.close();
    }
  } catch (error) {
    const failure = describeFailure(error);
    const org = consumer ? ` The token's consumer organisation is ${consumer}.` : '';
    return { status: 'Error', message: `${failure.message}.${org} ${failure.description ?? ''}`.trim() };
  }
  return {
    status: 'OK',
    message: `Token received${consumer ? ` for organisation ${consumer}` : ''}, and Fiks answered the test search: token, integration and access are in order`,
  };
}
