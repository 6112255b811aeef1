import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { RunningSimulator } from '@kjoretoyregister/simulator';
import type { CredentialStore } from './fake-n8n';

/** The credential form filled in for the simulator's demo identity (Demo Kommune). */
export function simulatorCredential(
  simulator: RunningSimulator,
  keyMaterial: 'pem' | 'pkcs12' = 'pem',
  overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
  const client = simulator.credentials.client;
  return {
    environment: 'custom',
    fiksApiUrl: simulator.url,
    maskinportenIssuer: simulator.issuer,
    maskinportenTokenUrl: simulator.tokenUrl,
    fiksOrgId: simulator.demo.fiksOrgId,
    integrasjonId: simulator.demo.integrasjonId,
    integrasjonPassword: simulator.demo.integrasjonPassord,
    clientId: simulator.demo.clientId,
    scope: 'ks:fiks',
    consumerOrg: '',
    keyMaterial,
    ...(keyMaterial === 'pem'
      ? { certificate: client.certPem, privateKey: client.keyPem, privateKeyPassphrase: '' }
      : { pkcs12Certificate: client.p12Base64, pkcs12Password: client.p12Password }),
    accessToken: '',
    ...overrides,
  };
}

export function credentialStore(data: ICredentialDataDecryptedObject): CredentialStore {
  return { data, tokenUpdates: 0 };
}

export const BULK_ROUTE = 'POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke';
export const KUID_ROUTE = 'POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kuid';
export const SOK_ROUTE = (endpoint: string) =>
  `GET /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/sok/${endpoint}`;

/** Requests per status on one simulator route, e.g. `{ '200': 3 }`. */
export function routeCounts(simulator: RunningSimulator, route: string): Record<string, number> {
  return (simulator.stats().routes as Record<string, Record<string, number>>)[route] ?? {};
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** Every request that reached the simulator's Fiks API (any route under /kjoretoyregister/api/). */
export function fiksRequests(simulator: RunningSimulator): number {
  const routes = simulator.stats().routes as Record<string, Record<string, number>>;
  return Object.entries(routes)
    .filter(([route]) => route.includes('/kjoretoyregister/api/'))
    .reduce((sum, [, counts]) => sum + total(counts), 0);
}
