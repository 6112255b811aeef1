import { generateKeyPairSync } from 'node:crypto';
import { createGrant } from '../../src/auth/grant.js';
import { isLoopbackUrl } from '../../src/auth/fetch-token.js';
import { resolveOptions } from '../../src/config/options.js';
import { ConfigurationError } from '../../src/errors.js';

const BASE = {
  fiksOrgId: '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01',
  integrasjonId: '7d0f5d0e-1c5b-4c62-8a59-2a6c8c4b3f11',
  integrasjonPassord: 'passord',
  maskinporten: { clientId: 'client', keyMaterial: { kind: 'pkcs12' as const, pkcs12: 'x.p12', password: '' } },
};

function issuesOf(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.issues;
    throw error;
  }
  return [];
}

describe('isLoopbackUrl', () => {
  it.each(['http://localhost:4010', 'http://127.0.0.1:1/', 'http://127.8.9.10/', 'http://[::1]:8080/token'])(
    'accepts %s',
    (url) => expect(isLoopbackUrl(new URL(url))).toBe(true),
  );

  it.each(['http://10.0.0.1/', 'http://localhost.example.com/', 'http://127.0.0.1.nip.io/', 'http://[::2]/'])(
    'refuses %s',
    (url) => expect(isLoopbackUrl(new URL(url))).toBe(false),
  );
});

describe('client options use the one loopback rule', () => {
  it('refuses plain http to a host that is not loopback, on every URL option', () => {
    const issues = issuesOf(() =>
      resolveOptions({
        ...BASE,
        fiksApiUrl: 'http://fiks.example.com',
        maskinporten: {
          ...BASE.maskinporten,
          issuer: 'http://mp.example.com/',
          tokenUrl: 'http://mp.example.com/token',
        },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['fiksApiUrl', 'maskinporten.issuer', 'maskinporten.tokenUrl']);
    for (const issue of issues) expect(issue.message).toMatch(/plain http is only allowed for loopback/);
  });

  it('accepts plain http on loopback, and anywhere with allowInsecureHttp', () => {
    expect(() => resolveOptions({ ...BASE, fiksApiUrl: 'http://[::1]:4010' })).not.toThrow();
    expect(() =>
      resolveOptions({ ...BASE, fiksApiUrl: 'http://fiks.example.com', allowInsecureHttp: true }),
    ).not.toThrow();
  });
});

describe('the issuer rule (docs/contract.md#s2.1)', () => {
  it('rejects an issuer without its trailing slash and never adds it', () => {
    const issues = issuesOf(() =>
      resolveOptions({ ...BASE, maskinporten: { ...BASE.maskinporten, issuer: 'https://test.maskinporten.no' } }),
    );
    expect(issues).toEqual([{ path: 'maskinporten.issuer', message: expect.stringMatching(/trailing slash/) }]);
    const resolved = resolveOptions({
      ...BASE,
      maskinporten: { ...BASE.maskinporten, issuer: 'https://test.maskinporten.no/' },
    });
    expect(resolved.maskinportenIssuer).toBe('https://test.maskinporten.no/');
  });

  it('gives the grant the same message as the client options', async () => {
    const optionMessage = issuesOf(() =>
      resolveOptions({ ...BASE, maskinporten: { ...BASE.maskinporten, issuer: 'https://test.maskinporten.no' } }),
    )[0]?.message;
    const grantError: unknown = await createGrant({
      key: {
        mode: 'kid',
        kid: 'k',
        privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
        chain: [],
      },
      audience: 'https://test.maskinporten.no',
      clientId: 'client',
      scope: 'ks:fiks',
      clock: { now: () => 0 },
    }).catch((e: unknown) => e);
    expect(grantError).toBeInstanceOf(ConfigurationError);
    expect((grantError as ConfigurationError).issues).toContainEqual({ path: 'issuer', message: optionMessage });
  });
});
