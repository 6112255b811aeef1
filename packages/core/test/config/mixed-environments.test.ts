import { fetchMaskinportenToken } from '../../src/auth/fetch-token.js';
import { configFromEnv } from '../../src/config/from-env.js';
import { resolveOptions, type ClientOptions } from '../../src/config/options.js';
import { environmentOfUrl } from '../../src/config/url-rules.js';
import { ConfigurationError, type ConfigurationIssue } from '../../src/errors.js';
import { expectCoreError } from '../support/core-errors.js';

// Issue 15 item 7 / docs/contract.md#s3.2: TEST and PROD endpoints are never mixed unless the
// caller says so; hosts that are neither (loopback, a simulator, a proxy) never count as mixed.

const BASE_ENV = {
  FIKS_ORG_ID: '6f1c6b0e-4a55-4a5e-9d38-0c5f0f2f7a11',
  FIKS_INTEGRASJON_ID: 'b3a0f0de-2c1f-4b8e-9a7e-5d3c2b1a0f99',
  FIKS_INTEGRASJON_PASSORD: 'hemmelig',
  MASKINPORTEN_CLIENT_ID: 'demo-client',
  MASKINPORTEN_P12: '/secrets/virksomhet.p12',
  MASKINPORTEN_P12_PASSWORD: 'p12-passord',
};

const OPTIONS: ClientOptions = {
  environment: 'prod',
  fiksOrgId: BASE_ENV.FIKS_ORG_ID,
  integrasjonId: BASE_ENV.FIKS_INTEGRASJON_ID,
  integrasjonPassord: 'hemmelig',
  maskinporten: {
    clientId: 'demo-client',
    keyMaterial: { kind: 'pkcs12', pkcs12: '/secrets/virksomhet.p12', password: 'p12-passord' },
  },
};

function issues(run: () => unknown): ConfigurationIssue[] {
  try {
    run();
  } catch (error) {
    expectCoreError(error, ConfigurationError, 'KJR_CONFIGURATION');
    return (error as ConfigurationError).issues;
  }
  throw new Error('expected a ConfigurationError');
}

const withMaskinporten = (overrides: Partial<NonNullable<ClientOptions['maskinporten']>>): ClientOptions => ({
  ...OPTIONS,
  maskinporten: { ...(OPTIONS.maskinporten as NonNullable<ClientOptions['maskinporten']>), ...overrides },
});

describe('mixed TEST/PROD endpoints', () => {
  it('knows the public hosts and nothing else', () => {
    expect(environmentOfUrl('https://test.maskinporten.no/')).toBe('test');
    expect(environmentOfUrl('https://maskinporten.no/token')).toBe('prod');
    expect(environmentOfUrl('https://api.fiks.test.ks.no')).toBe('test');
    expect(environmentOfUrl('https://api.fiks.ks.no')).toBe('prod');
    expect(environmentOfUrl('http://127.0.0.1:8080/')).toBeUndefined();
    expect(environmentOfUrl('https://fiks-proxy.kommune.no')).toBeUndefined();
    expect(environmentOfUrl('not a url')).toBeUndefined();
  });

  it("rejects a TEST issuer with environment 'prod', naming both fields", () => {
    const found = issues(() => resolveOptions(withMaskinporten({ issuer: 'https://test.maskinporten.no/' })));
    expect(found).toEqual([
      {
        path: 'maskinporten.issuer',
        message: expect.stringMatching(/TEST endpoint but environment is 'prod'.*allowMixedEnvironments/),
      },
    ]);
  });

  it("rejects a PROD Fiks URL with environment 'test' (and a TEST token URL with 'prod')", () => {
    expect(
      issues(() => resolveOptions({ ...OPTIONS, environment: 'test', fiksApiUrl: 'https://api.fiks.ks.no' })),
    ).toEqual([{ path: 'fiksApiUrl', message: expect.stringContaining("PROD endpoint but environment is 'test'") }]);
    expect(
      issues(() => resolveOptions(withMaskinporten({ tokenUrl: 'https://test.maskinporten.no/token' }))).map(
        (i) => i.path,
      ),
    ).toEqual(['maskinporten.tokenUrl']);
  });

  it('rejects a PROD Fiks URL with a TEST Maskinporten under either environment', () => {
    const mixed = { fiksApiUrl: 'https://api.fiks.ks.no' };
    const underTest = issues(() =>
      resolveOptions({
        ...withMaskinporten({ issuer: 'https://test.maskinporten.no/' }),
        ...mixed,
        environment: 'test',
      }),
    );
    expect(underTest.map((i) => i.path)).toEqual(['fiksApiUrl']);
    const underProd = issues(() =>
      resolveOptions({ ...withMaskinporten({ issuer: 'https://test.maskinporten.no/' }), ...mixed }),
    );
    expect(underProd.map((i) => i.path)).toEqual(['maskinporten.issuer']);
  });

  it('accepts the mix when allowMixedEnvironments says so', () => {
    const resolved = resolveOptions({
      ...withMaskinporten({ issuer: 'https://test.maskinporten.no/' }),
      allowMixedEnvironments: true,
    });
    expect(resolved.maskinportenIssuer).toBe('https://test.maskinporten.no/');
    expect(resolved.fiksApiUrl).toBe('https://api.fiks.ks.no');
  });

  it('does not count loopback or custom hosts as mixed', () => {
    expect(() =>
      resolveOptions({
        ...withMaskinporten({ issuer: 'http://127.0.0.1:9000/', tokenUrl: 'http://127.0.0.1:9000/token' }),
        fiksApiUrl: 'https://fiks-proxy.kommune.no',
      }),
    ).not.toThrow();
    expect(() => resolveOptions(OPTIONS)).not.toThrow();
    expect(() => resolveOptions({ ...OPTIONS, environment: 'test' })).not.toThrow();
  });

  it('fails configFromEnv for KJORETOY_ENV=prod with a test issuer, naming both variables', () => {
    const found = issues(() =>
      configFromEnv({ ...BASE_ENV, KJORETOY_ENV: 'prod', MASKINPORTEN_ISSUER: 'https://test.maskinporten.no/' }),
    );
    expect(found).toEqual([
      { path: 'MASKINPORTEN_ISSUER', message: expect.stringContaining("TEST endpoint but KJORETOY_ENV is 'prod'") },
    ]);
    expect(
      issues(() => configFromEnv({ ...BASE_ENV, FIKS_API_URL: 'https://api.fiks.ks.no' })).map((i) => i.path),
    ).toEqual(['FIKS_API_URL']);
    expect(() =>
      configFromEnv(
        { ...BASE_ENV, KJORETOY_ENV: 'prod', MASKINPORTEN_ISSUER: 'https://test.maskinporten.no/' },
        { allowMixedEnvironments: true },
      ),
    ).not.toThrow();
  });

  it('applies the same rule to a one-shot token fetch', async () => {
    const transport = { send: () => Promise.reject(new Error('must not be called')) };
    const maskinporten = withMaskinporten({ issuer: 'https://test.maskinporten.no/' }).maskinporten;
    if (!maskinporten) throw new Error('the fixture has maskinporten');
    const error = await fetchMaskinportenToken({
      environment: 'prod',
      maskinporten,
      transport,
    }).catch((e: unknown) => e);
    expectCoreError(error, ConfigurationError, 'KJR_CONFIGURATION');
    expect((error as ConfigurationError).issues.map((i) => i.path)).toEqual(['maskinporten.issuer']);
  });
});
