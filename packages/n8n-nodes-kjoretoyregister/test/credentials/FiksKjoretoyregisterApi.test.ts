import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { decodeAccessToken, PRESETS } from '@kjoretoyregister/core';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregisterApi } from '../../credentials/FiksKjoretoyregisterApi.credentials';
import { endpointsOf, readCredentialData } from '../../nodes/FiksKjoretoyregister/shared/credential-data';
import { httpRequest } from '../support/fake-n8n';
import { simulatorCredential } from '../support/simulator-credential';

const credential = new FiksKjoretoyregisterApi();

describe('Fiks Kjøretøyregister API credential', () => {
  let simulator: RunningSimulator;
  const requests: IHttpRequestOptions[] = [];
  const helper: IHttpRequestHelper = {
    helpers: {
      httpRequest: (options: IHttpRequestOptions) => {
        requests.push(options);
        return httpRequest(options);
      },
    },
  };
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => {
    simulator.reset();
    requests.length = 0;
  });

  it.each(['pem', 'pkcs12'] as const)('preAuthentication gets a ks:fiks token with %s key material', async (kind) => {
    const { accessToken } = await credential.preAuthentication.call(helper, simulatorCredential(simulator, kind));
    const claims = decodeAccessToken(accessToken);
    expect(claims).toMatchObject({ consumerOrg: simulator.demo.orgnr, scope: 'ks:fiks' });
    expect(simulator.stats().tokenRequests.ok).toBe(1);
    // One form POST through n8n's helper, every status handed to core.
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', url: simulator.tokenUrl, ignoreHttpStatusErrors: true });
  });

  it('accepts PEM whose line breaks were turned into spaces by copy-paste', async () => {
    const flatten = (pem: string) => pem.replace(/\n/g, ' ');
    const { certPem, keyPem } = simulator.credentials.client;
    const data = simulatorCredential(simulator, 'pem', { certificate: flatten(certPem), privateKey: flatten(keyPem) });
    const { accessToken } = await credential.preAuthentication.call(helper, data);
    expect(accessToken).toMatch(/^eyJ/);
  });

  it('never reads a file: a path instead of PEM text is a credential error naming the field', async () => {
    const data = simulatorCredential(simulator, 'pem', { certificate: simulator.credentials.client.certPath });
    await expect(credential.preAuthentication.call(helper, data)).rejects.toThrow(
      'The credential is incomplete or wrong: Certificate (PEM) must be the PEM certificate text (-----BEGIN CERTIFICATE-----). What to do: fix the named fields of the Fiks Kjøretøyregister API credential',
    );
    expect(requests).toHaveLength(0);
  });

  it('a wrong PKCS#12 password names the field, never the value', async () => {
    const data = simulatorCredential(simulator, 'pkcs12', { pkcs12Password: 'not-the-password' });
    const error: unknown = await credential.preAuthentication.call(helper, data).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^The credential is incomplete or wrong: PKCS#12 Password wrong password/);
    expect((error as Error).message).not.toContain('not-the-password');
  });

  it('refuses plain http to anything but loopback', async () => {
    const data = simulatorCredential(simulator, 'pem', { maskinportenTokenUrl: 'http://maskinporten.example/token' });
    await expect(credential.preAuthentication.call(helper, data)).rejects.toThrow(
      // core's https-unless-loopback rule (config/url-rules.ts), after the form's label
      /^The credential is incomplete or wrong: Maskinporten Token URL must be https: plain http is only allowed for loopback/,
    );
    expect(requests).toHaveLength(0);
  });

  it('explains a Maskinporten refusal with the MP code and what to do', async () => {
    const data = simulatorCredential(simulator, 'pem', {
      certificate: simulator.credentials.untrusted.certPem,
      privateKey: simulator.credentials.untrusted.keyPem,
    });
    await expect(credential.preAuthentication.call(helper, data)).rejects.toThrow(
      /MP-120.*What to do: the certificate is not accepted in this environment/,
    );
  });

  it('sets the bearer token and the integration headers through authenticate', () => {
    expect(credential.authenticate.properties.headers).toEqual({
      Authorization: '=Bearer {{$credentials.accessToken}}',
      IntegrasjonId: '={{$credentials.integrasjonId}}',
      IntegrasjonPassord: '={{$credentials.integrasjonPassword}}',
    });
    const accessToken = credential.properties.find((p) => p.name === 'accessToken');
    expect(accessToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
  });

  it('test and prod presets set Fiks and Maskinporten together', () => {
    for (const environment of ['test', 'prod'] as const) {
      const endpoints = endpointsOf(readCredentialData({ environment, fiksApiUrl: 'http://127.0.0.1:1' }));
      expect(endpoints).toEqual({ environment, ...PRESETS[environment] });
    }
    const custom = endpointsOf(
      readCredentialData({
        environment: 'custom',
        fiksApiUrl: simulator.url,
        maskinportenIssuer: simulator.issuer,
        maskinportenTokenUrl: simulator.tokenUrl,
      }),
    );
    expect(custom).toEqual({
      environment: 'test',
      fiksApiUrl: simulator.url,
      maskinportenIssuer: simulator.issuer,
      maskinportenTokenUrl: simulator.tokenUrl,
    });
  });

  it('custom URLs on the public PROD hosts are PROD (core refuses a TEST/PROD mix)', () => {
    const prodHosts = {
      environment: 'custom',
      fiksApiUrl: 'https://api.fiks.ks.no',
      maskinportenIssuer: 'https://maskinporten.no/',
      maskinportenTokenUrl: 'https://maskinporten.no/token',
    };
    expect(endpointsOf(readCredentialData(prodHosts)).environment).toBe('prod');
    expect(
      endpointsOf(readCredentialData({ ...prodHosts, fiksApiUrl: 'https://proxy.kommune.example' })),
    ).toMatchObject({ environment: 'prod' });
  });

  it('passes a custom issuer as typed: without its trailing slash it is refused, naming the field', async () => {
    const data = simulatorCredential(simulator, 'pem', { maskinportenIssuer: simulator.url });
    expect(endpointsOf(readCredentialData(data)).maskinportenIssuer).toBe(simulator.url);
    await expect(credential.preAuthentication.call(helper, data)).rejects.toThrow(
      /^The credential is incomplete or wrong: Maskinporten Issuer must be the Maskinporten issuer URL with its trailing slash/,
    );
    expect(requests).toHaveLength(0);
  });
});
