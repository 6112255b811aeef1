import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregister } from '../../../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';
import { legacyRequest } from '../../support/fake-n8n';
import { SOK_ROUTE, routeCounts, simulatorCredential } from '../../support/simulator-credential';

const test = new FiksKjoretoyregister().methods.credentialTest.fiksKjoretoyregisterApiTest;
const context = { helpers: { request: legacyRequest } } as unknown as ICredentialTestFunctions;

describe('credential test (kjoretoy doctor steps)', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  const run = (overrides: Record<string, string> = {}) =>
    test.call(context, {
      id: 'cred-1',
      name: 'Simulator',
      type: 'fiksKjoretoyregisterApi',
      data: simulatorCredential(simulator, 'pkcs12', overrides),
    } as ICredentialsDecrypted);

  it('fetches a token and makes the one harmless probe search', async () => {
    await expect(run()).resolves.toEqual({
      status: 'OK',
      message: `Token received for organisation ${simulator.demo.orgnr}, and Fiks answered the test search: token, integration and access are in order`,
    });
    expect(simulator.stats().tokenRequests.ok).toBe(1);
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({ '204': 1 });
    expect(simulator.stats().itemsLookedUp).toBe(0);
  });

  it('names all three integration checks and the token consumer on a 401, once', async () => {
    const result = await run({ integrasjonPassword: 'wrong' });
    expect(result.status).toBe('Error');
    expect(result.message).toContain(`The token's consumer organisation is ${simulator.demo.orgnr}.`);
    expect(result.message).toMatch(/IntegrasjonId is unknown, IntegrasjonPassord is wrong, or the token's consumer/);
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({ '401': 1 });
  });

  it('gives the Maskinporten hint when the token step fails, without calling Fiks', async () => {
    const result = await run({ clientId: 'unknown-client' });
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/MP-100.*What to do: Maskinporten does not know the Maskinporten Client ID/);
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({});
  });

  it('explains a 403 as missing access for the Fiks organisation', async () => {
    const result = await run({ fiksOrgId: '00000000-0000-4000-8000-000000000000' });
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/activate Kjøretøyregister for the organisation in Fiks Konfigurasjon/);
  });
});
