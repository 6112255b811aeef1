import { configFromEnv, ENV_VARS } from '../../src/config/from-env.js';
import { resolveOptions } from '../../src/config/options.js';
import { ConfigurationError } from '../../src/errors.js';
import { expectCoreError } from '../support/core-errors.js';

const BASE = {
  FIKS_ORG_ID: '6f1c6b0e-4a55-4a5e-9d38-0c5f0f2f7a11',
  FIKS_INTEGRASJON_ID: 'b3a0f0de-2c1f-4b8e-9a7e-5d3c2b1a0f99',
  FIKS_INTEGRASJON_PASSORD: 'hemmelig',
  MASKINPORTEN_CLIENT_ID: 'demo-client',
  MASKINPORTEN_P12: '/secrets/virksomhet.p12',
  MASKINPORTEN_P12_PASSWORD: 'p12-passord',
};

function withoutP12(): Record<string, string> {
  const copy: Record<string, string> = { ...BASE };
  delete copy['MASKINPORTEN_P12'];
  delete copy['MASKINPORTEN_P12_PASSWORD'];
  return copy;
}

function issuesOf(env: Record<string, string>): Array<{ path: string; message: string }> {
  try {
    configFromEnv(env);
  } catch (error) {
    expectCoreError(error, ConfigurationError, 'KJR_CONFIGURATION');
    return (error as ConfigurationError).issues;
  }
  throw new Error('expected a ConfigurationError');
}

describe('configFromEnv', () => {
  it('reads a complete p12 setup with the test preset by default', () => {
    const options = configFromEnv(BASE);
    expect(options).toMatchObject({
      environment: 'test',
      fiksOrgId: BASE.FIKS_ORG_ID,
      maskinporten: {
        clientId: 'demo-client',
        keyMaterial: { kind: 'pkcs12', pkcs12: '/secrets/virksomhet.p12', password: 'p12-passord' },
      },
    });
    const resolved = resolveOptions(options);
    expect(resolved.fiksApiUrl).toBe('https://api.fiks.test.ks.no');
    expect(resolved.maskinportenIssuer).toBe('https://test.maskinporten.no/');
    expect(resolved.maskinportenTokenUrl).toBe('https://test.maskinporten.no/token');
    expect(resolved.scope).toEqual(['ks:fiks']);
  });

  it('switches Fiks and Maskinporten together with KJORETOY_ENV=prod', () => {
    const resolved = resolveOptions(configFromEnv({ ...BASE, KJORETOY_ENV: 'prod' }));
    expect(resolved.fiksApiUrl).toBe('https://api.fiks.ks.no');
    expect(resolved.maskinportenIssuer).toBe('https://maskinporten.no/');
  });

  it('lists every missing variable at once, by name', () => {
    const issues = issuesOf({});
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'FIKS_ORG_ID',
        'FIKS_INTEGRASJON_ID',
        'FIKS_INTEGRASJON_PASSORD',
        'MASKINPORTEN_CLIENT_ID',
        'MASKINPORTEN_P12',
      ]),
    );
  });

  it('reports invalid values by variable name without echoing secrets', () => {
    let error: unknown;
    try {
      configFromEnv({
        ...BASE,
        FIKS_ORG_ID: 'not-a-uuid',
        KJORETOY_ENV: 'staging',
        MASKINPORTEN_CONSUMER_ORG: '12',
        FIKS_INTEGRASJON_PASSORD: 'super-secret-value',
        MASKINPORTEN_ISSUER: 'https://maskinporten.example/no-slash',
      });
    } catch (e) {
      error = e;
    }
    const issues = (error as ConfigurationError).issues.map((i) => i.path);
    expect(issues).toEqual(
      expect.arrayContaining(['FIKS_ORG_ID', 'KJORETOY_ENV', 'MASKINPORTEN_CONSUMER_ORG', 'MASKINPORTEN_ISSUER']),
    );
    expect((error as Error).message).not.toContain('super-secret-value');
  });

  it('requires the partner variable of each key-material mode', () => {
    const rest = withoutP12();
    expect(issuesOf({ ...rest, MASKINPORTEN_CERT: 'cert.pem' }).map((i) => i.path)).toContain('MASKINPORTEN_KEY');
    expect(issuesOf({ ...rest, MASKINPORTEN_KID: 'kid-1' }).map((i) => i.path)).toContain('MASKINPORTEN_KEY');
    expect(issuesOf({ ...rest, MASKINPORTEN_P12: 'a.p12' }).map((i) => i.path)).toContain('MASKINPORTEN_P12_PASSWORD');
  });

  it('rejects two key-material modes at once', () => {
    expect(issuesOf({ ...BASE, MASKINPORTEN_KID: 'kid-1', MASKINPORTEN_KEY: 'k.pem' })[0].message).toMatch(
      /only one key-material mode/,
    );
  });

  it('reads the kid + JWK mode', () => {
    const rest = withoutP12();
    const options = configFromEnv({ ...rest, MASKINPORTEN_KID: 'kid-1', MASKINPORTEN_JWK: '{"kty":"RSA"}' });
    expect(options.maskinporten?.keyMaterial).toEqual({ kind: 'key', kid: 'kid-1', jwk: '{"kty":"RSA"}' });
  });

  it('documents exactly the variables it reads', () => {
    expect(ENV_VARS).toContain('MASKINPORTEN_TOKEN_URL');
    expect(new Set(ENV_VARS).size).toBe(ENV_VARS.length);
  });
});

describe('resolveOptions', () => {
  const valid = configFromEnv(BASE);

  it('rejects unknown options by name', () => {
    expect(() => resolveOptions({ ...valid, retrys: 3 } as never)).toThrow(/unknown option\(s\): retrys/);
  });

  it('allows plain http only for loopback', () => {
    expect(() => resolveOptions({ ...valid, fiksApiUrl: 'http://127.0.0.1:8080' })).not.toThrow();
    expect(() => resolveOptions({ ...valid, fiksApiUrl: 'http://fiks.example.no' })).toThrow(
      /plain http is only allowed for loopback/,
    );
    expect(() =>
      resolveOptions({ ...valid, fiksApiUrl: 'http://fiks.example.no', allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it('overrides the preset endpoints one by one', () => {
    const resolved = resolveOptions({
      ...valid,
      maskinporten: {
        ...(valid.maskinporten as NonNullable<typeof valid.maskinporten>),
        tokenUrl: 'https://mp.example.no/token',
      },
    });
    expect(resolved.maskinportenTokenUrl).toBe('https://mp.example.no/token');
    expect(resolved.maskinportenIssuer).toBe('https://test.maskinporten.no/');
  });

  it('rejects out-of-range tuning knobs, listing all of them', () => {
    try {
      resolveOptions({ ...valid, maxBulkSize: 0, concurrency: -1, timeoutMs: 0 });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect((error as ConfigurationError).issues.map((i) => i.path).sort()).toEqual([
        'concurrency',
        'maxBulkSize',
        'timeoutMs',
      ]);
    }
  });
});
