import type {
  ICredentialDataDecryptedObject,
  IHttpRequestHelper,
  IHttpRequestOptions,
  INodeCredentialTestResult,
} from 'n8n-workflow';
import { FAULT_HEADER, startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { fiksProbeUrl, PRESETS } from '@kjoretoyregister/core';
import { FiksKjoretoyregisterApi } from '../../credentials/FiksKjoretoyregisterApi.credentials';
import { httpRequest } from '../support/fake-n8n';
import { SOK_ROUTE, routeCounts, simulatorCredential } from '../support/simulator-credential';

const credential = new FiksKjoretoyregisterApi();
const { test: testRequest } = credential;

/** Evaluates the test request's `={{ … }}` URL the way n8n's expression does: plain JS over `$credentials`. */
function probeUrl(data: ICredentialDataDecryptedObject): string {
  const url = testRequest.request.url ?? '';
  const body = /^=\{\{(.*)\}\}$/s.exec(url)?.[1];
  if (body === undefined) throw new Error(`not an expression: ${url}`);
  return new Function('$credentials', `return (${body});`)(data) as string;
}

function headerValue(template: string, data: ICredentialDataDecryptedObject): string {
  return template.replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) => {
    return String(data[name] ?? '');
  });
}

/**
 * n8n's declarative credential test (CredentialsTester.runRequestTest in n8n 2.41 with
 * httpRequestWithAuthentication): preAuthentication always runs when testing, `authenticate`'s
 * headers are applied, a thrown 401 runs preAuthentication again and retries once, and a failed
 * request is matched against the `responseCode` rules by status; a token-step error's message is shown.
 */
async function runTest(
  data: ICredentialDataDecryptedObject,
  extraHeaders: Record<string, string> = {},
): Promise<INodeCredentialTestResult> {
  const helper: IHttpRequestHelper = {
    helpers: { httpRequest: (options: IHttpRequestOptions) => httpRequest(options) },
  };
  const send = async (): Promise<void> => {
    const { accessToken } = await credential.preAuthentication.call(helper, data);
    const headers = Object.fromEntries(
      Object.entries(credential.authenticate.properties.headers ?? {}).map(([name, value]) => [
        name,
        headerValue(String(value), { ...data, accessToken }),
      ]),
    );
    await httpRequest({ method: 'GET', url: probeUrl(data), headers: { ...headers, ...extraHeaders } });
  };
  try {
    try {
      await send();
    } catch (error) {
      if ((error as { response?: { status?: number } }).response?.status !== 401) throw error;
      await send();
    }
    return { status: 'OK', message: 'Connection successful!' };
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    if (status === undefined) return { status: 'Error', message: (error as Error).message };
    const rule = testRequest.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
    return { status: 'Error', message: rule?.properties.message ?? `Received HTTP status code: ${status}` };
  }
}

function ruleMessage(status: number): string {
  const rule = testRequest.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
  if (rule === undefined) throw new Error(`no rule for ${status}`);
  return rule.properties.message;
}

describe('credential test (declarative: core probe through the credential)', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  describe('the probe URL expression', () => {
    const org = '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01';
    it.each(['test', 'prod'] as const)('is core’s probe URL on the %s preset', (environment) => {
      expect(probeUrl({ environment, fiksOrgId: ` ${org} `, fiksApiUrl: 'http://ignored.invalid' })).toBe(
        fiksProbeUrl({ fiksApiUrl: PRESETS[environment].fiksApiUrl, fiksOrgId: org }),
      );
    });

    it('uses the custom Fiks API URL (trailing slashes dropped) on Custom URLs', () => {
      expect(probeUrl({ environment: 'custom', fiksOrgId: org, fiksApiUrl: 'http://127.0.0.1:4010//' })).toBe(
        fiksProbeUrl({ fiksApiUrl: 'http://127.0.0.1:4010', fiksOrgId: org }),
      );
    });

    it('never spends quota: it is the exact sok/kjennemerke search for the probe plate, one row', () => {
      const url = new URL(probeUrl({ environment: 'test', fiksOrgId: org }));
      expect(url.pathname).toMatch(/\/sok\/kjennemerke$/);
      expect(Object.fromEntries(url.searchParams)).toEqual({ kjennemerke: 'XX99999', antall: '1' });
    });
  });

  it('passes with one harmless probe search', async () => {
    await expect(runTest(simulatorCredential(simulator, 'pkcs12'))).resolves.toEqual({
      status: 'OK',
      message: 'Connection successful!',
    });
    expect(simulator.stats().tokenRequests.ok).toBe(1);
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({ '204': 1 });
    expect(simulator.stats().itemsLookedUp).toBe(0);
  });

  it('401: names all three integration checks (after the fresh-token retry n8n makes)', async () => {
    const result = await runTest(simulatorCredential(simulator, 'pkcs12', { integrasjonPassword: 'wrong' }));
    expect(result.status).toBe('Error');
    expect(result.message).toBe(ruleMessage(401));
    expect(result.message).toMatch(/IntegrasjonId is unknown, IntegrasjonPassord is wrong, or the token's consumer/);
    expect(result.message).toMatch(/Klarte ikke å validere access_token/);
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({ '401': 2 });
  });

  it('403: the missing access in Fiks Konfigurasjon for the Fiks Organisation ID', async () => {
    const result = await runTest(
      simulatorCredential(simulator, 'pkcs12', { fiksOrgId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(result).toEqual({ status: 'Error', message: ruleMessage(403) });
    expect(result.message).toMatch(/activate Kjøretøyregister for the organisation in Fiks Konfigurasjon/);
    expect(result.message).toMatch(/Fiks Organisation ID/);
  });

  it('404: the §7h assumption, and a wrong Fiks API URL or Organisation ID', async () => {
    const result = await runTest(simulatorCredential(simulator, 'pkcs12', { fiksApiUrl: `${simulator.url}/nowhere` }));
    expect(result).toEqual({ status: 'Error', message: ruleMessage(404) });
    expect(result.message).toMatch(/docs\/contract\.md#s7h/);
    expect(result.message).toMatch(/KS documents only sok\/eiernavn/);
    expect(result.message).toMatch(/Fiks API URL or Fiks Organisation ID is wrong/);
  });

  it('429: rate limited, try again later', async () => {
    const result = await runTest(simulatorCredential(simulator, 'pkcs12'), { [FAULT_HEADER]: '429' });
    expect(result).toEqual({ status: 'Error', message: ruleMessage(429) });
    expect(result.message).toMatch(/HTTP 429.*rate limited: wait and try again/);
  });

  it.each([500, 502, 503])('%i: Fiks or the register failed, try again later', async (status) => {
    const result = await runTest(simulatorCredential(simulator, 'pkcs12'), { [FAULT_HEADER]: String(status) });
    expect(result).toEqual({ status: 'Error', message: ruleMessage(status) });
    expect(result.message).toMatch(new RegExp(`HTTP ${status}.*the register or Fiks failed; try again later`));
  });

  it('504 (the simulator cannot send it): the same upstream advice', () => {
    expect(ruleMessage(504)).toMatch(/HTTP 504.*the register or Fiks failed; try again later/);
  });

  it('a token-step failure shows the TokenFailure: the MP code and what to do, without calling Fiks', async () => {
    const result = await runTest(simulatorCredential(simulator, 'pkcs12', { clientId: 'unknown-client' }));
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/MP-100.*What to do: Maskinporten does not know the Maskinporten Client ID/);
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({});
  });
});
