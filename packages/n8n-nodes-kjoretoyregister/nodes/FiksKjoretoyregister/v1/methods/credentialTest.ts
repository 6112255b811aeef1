/**
 * The credential test, as `kjoretoy doctor` runs it (packages/cli/src/doctor/checks.ts): key
 * material → Maskinporten token → the token's consumer organisation → core's Fiks probe
 * (`probeFiks`: an exact search for the not-found plate, which spends no lookup quota and whose
 * audited query holds no personal data). Every failure says what to fix.
 */

import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { createKjoretoyregisterClient, decodeAccessToken, probeFiks, type AccessToken } from '@kjoretoyregister/core';
import { clientOptionsOf, readCredentialData } from '../../shared/credential-data.js';
import { legacyRequestTransport } from '../../shared/http-transports.js';
import { fetchAccessToken } from '../../shared/token-request.js';
import { FIELD_NAMES, describeFailure } from '../helpers/errors.js';

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
    token = await fetchAccessToken(transport, raw, FIELD_NAMES);
  } catch (error) {
    // A TokenFailure: its message already names the step and what to do.
    return { status: 'Error', message: error instanceof Error ? error.message : 'The token request failed' };
  }
  const consumer = consumerOf(token);

  const accessToken: AccessToken = { value: token, expiresAt: Number.MAX_SAFE_INTEGER, expiresIn: 0 };
  let failure: { error: unknown } | undefined;
  try {
    const client = createKjoretoyregisterClient({
      ...clientOptionsOf(readCredentialData(raw)),
      transport,
      tokenProvider: { getToken: async () => accessToken, invalidate: () => undefined },
      // A test answers once; retrying a wrong password only delays the answer.
      maxAttempts: 1,
    });
    try {
      const probe = await probeFiks(client);
      if (!probe.ok) failure = { error: probe.error };
    } finally {
      await client.close();
    }
  } catch (error) {
    // Options core rejects (e.g. a Fiks Organisation ID that is no UUID), or a failure outside core.
    failure = { error };
  }
  if (failure) {
    const described = describeFailure(failure.error);
    const org = consumer ? ` The token's consumer organisation is ${consumer}.` : '';
    return { status: 'Error', message: `${described.message}.${org} ${described.description ?? ''}`.trim() };
  }
  return {
    status: 'OK',
    message: `Token received${consumer ? ` for organisation ${consumer}` : ''}, and Fiks answered the test search: token, integration and access are in order`,
  };
}
