import { ConfigurationError } from '@kjoretoyregister/core';
import { fromEnv } from './from-env.js';

const env: Record<string, string> = {
  KJORETOY_ENV: 'test',
  FIKS_API_URL: 'http://127.0.0.1:4000',
  FIKS_ORG_ID: '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01',
  FIKS_INTEGRASJON_ID: '8e2c6f4b-1a3d-4c5e-9f70-2b4d6e8a0c13',
  FIKS_INTEGRASJON_PASSORD: 'passord-fra-vault',
  MASKINPORTEN_CLIENT_ID: 'demo-kommune-client',
  MASKINPORTEN_P12: '/run/secrets/virksomhet.p12',
  MASKINPORTEN_P12_PASSWORD: 'p12-passord',
};

/** What `@nestjs/config`'s ConfigService offers: `get(name)`. */
function configService(values: Record<string, unknown>) {
  const asked: string[] = [];
  return { asked, get: (name: string) => (asked.push(name), values[name]) };
}

describe('fromEnv', () => {
  it("reads core's variables through ConfigService.get and keeps module extras out of core's strict options", () => {
    const config = configService(env);

    const options = fromEnv(config, { transportAdapter: 'fetch', concurrency: 2 });

    expect(config.asked).toEqual(
      expect.arrayContaining(['FIKS_ORG_ID', 'MASKINPORTEN_P12', 'MASKINPORTEN_P12_PASSWORD']),
    );
    expect(options).toMatchObject({
      environment: 'test',
      fiksApiUrl: 'http://127.0.0.1:4000',
      fiksOrgId: env['FIKS_ORG_ID'],
      concurrency: 2,
      transportAdapter: 'fetch',
      maskinporten: {
        clientId: 'demo-kommune-client',
        keyMaterial: { kind: 'pkcs12', pkcs12: '/run/secrets/virksomhet.p12' },
      },
    });
  });

  it('accepts a plain record such as process.env', () => {
    expect(fromEnv(env).integrasjonId).toBe(env['FIKS_INTEGRASJON_ID']);
  });

  it('turns non-string config values into strings, as a validated ConfigService may hold them', () => {
    const options = fromEnv(configService({ ...env, MASKINPORTEN_P12_PASSWORD: 123456 }));
    expect(options.maskinporten?.keyMaterial).toMatchObject({ password: '123456' });
  });

  it('throws one ConfigurationError naming every missing variable', () => {
    const partial = { ...env };
    delete partial['FIKS_ORG_ID'];
    delete partial['MASKINPORTEN_CLIENT_ID'];

    let error: unknown;
    try {
      fromEnv(configService(partial));
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['FIKS_ORG_ID', 'MASKINPORTEN_CLIENT_ID']),
    );
  });
});
