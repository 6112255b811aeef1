import { createPublicKey, X509Certificate } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { createGrant, type GrantParams } from '../../src/auth/grant.js';
import type { KeyMaterial } from '../../src/auth/key-material.js';
import { loadKeyMaterial } from '../../src/node/key-files.js';
import type { Clock } from '../../src/clock.js';
import { ConfigurationError } from '../../src/errors.js';
import { createTestPki, type TestPki } from '../support/pki.js';
import { expectCoreError, expectRejection } from '../support/core-errors.js';

const AUDIENCE = 'https://test.maskinporten.no/';
const CLIENT_ID = 'b3e4f0a2-0c1d-4a5e-9f6b-7c8d9e0f1a2b';
/** 2026-11-26T12:00:00.750Z: the fraction must be dropped, not rounded up. */
const NOW_MS = 1_795_694_400_750;
const NOW_S = 1_795_694_400;
const clock: Clock = { now: () => NOW_MS };

let pki: TestPki;
let certificateKey: KeyMaterial;
let registeredKey: KeyMaterial;

beforeAll(async () => {
  pki = createTestPki({ orgnr: '310000001' });
  certificateKey = await loadKeyMaterial({
    kind: 'pem',
    certificate: pki.chainPem,
    privateKey: pki.privateKeyPem,
  });
  registeredKey = await loadKeyMaterial({
    kind: 'key',
    kid: 'kjr-registered-1',
    privateKey: pki.privateKeyPem,
  });
});

function params(overrides: Partial<GrantParams> = {}): GrantParams {
  return {
    key: certificateKey,
    audience: AUDIENCE,
    clientId: CLIENT_ID,
    scope: 'ks:fiks',
    clock,
    ...overrides,
  };
}

describe('createGrant', () => {
  it('signs exactly the documented header and claims in certificate mode, verifiable with the certificate key', async () => {
    const grant = await createGrant(params());

    expect(decodeProtectedHeader(grant)).toEqual({
      alg: 'RS256',
      x5c: [pki.certificateDerBase64],
    });
    const claims = decodeJwt(grant);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
    expect(claims).toEqual({
      aud: AUDIENCE,
      iss: CLIENT_ID,
      scope: 'ks:fiks',
      iat: NOW_S,
      exp: NOW_S + 120,
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });

    const publicKey = new X509Certificate(Buffer.from(pki.certificateDerBase64, 'base64')).publicKey;
    const { payload, protectedHeader } = await jwtVerify(grant, publicKey, {
      algorithms: ['RS256'],
      audience: AUDIENCE,
      issuer: CLIENT_ID,
      currentDate: new Date(NOW_MS),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.scope).toBe('ks:fiks');
  });

  it('sends x5c as an array holding standard base64 of the leaf DER only', async () => {
    const header = decodeProtectedHeader(await createGrant(params()));
    expect(Array.isArray(header.x5c)).toBe(true);
    expect(header.x5c).toHaveLength(1);
    const [x5c] = header.x5c ?? [];
    expect(x5c).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const leafBody = pki.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    expect(x5c).toBe(leafBody);
  });

  it('signs with kid and no x5c in registered-key mode', async () => {
    const grant = await createGrant(params({ key: registeredKey }));
    expect(decodeProtectedHeader(grant)).toEqual({
      alg: 'RS256',
      kid: 'kjr-registered-1',
    });
    await expect(
      jwtVerify(grant, createPublicKey(registeredKey.privateKey), {
        currentDate: new Date(NOW_MS),
      }),
    ).resolves.toBeDefined();
  });

  it('adds consumer_org and resource only when configured', async () => {
    const claims = decodeJwt(
      await createGrant(
        params({
          consumerOrg: '310000009',
          resource: 'https://api.example.test/',
        }),
      ),
    );
    expect(Object.keys(claims).sort()).toEqual([
      'aud',
      'consumer_org',
      'exp',
      'iat',
      'iss',
      'jti',
      'resource',
      'scope',
    ]);
    expect(claims['consumer_org']).toBe('310000009');
    expect(claims['resource']).toBe('https://api.example.test/');
  });

  it('joins scopes with spaces, keeping order and dropping duplicates', async () => {
    expect(decodeJwt(await createGrant(params({ scope: ['ks:fiks', 'digdir:test', 'ks:fiks'] })))['scope']).toBe(
      'ks:fiks digdir:test',
    );
    expect(decodeJwt(await createGrant(params({ scope: ' ks:fiks   digdir:test ' })))['scope']).toBe(
      'ks:fiks digdir:test',
    );
  });

  it('caps the lifetime at 120 s and honours a shorter one', async () => {
    const long = decodeJwt(await createGrant(params({ lifetimeSeconds: 600 })));
    expect(Number(long.exp) - Number(long.iat)).toBe(120);
    const short = decodeJwt(await createGrant(params({ lifetimeSeconds: 30 })));
    expect(short).toMatchObject({ iat: NOW_S, exp: NOW_S + 30 });
  });

  it('uses a fresh jti for every grant', async () => {
    const jtis = new Set<unknown>();
    for (let i = 0; i < 5; i++) jtis.add(decodeJwt(await createGrant(params())).jti);
    expect(jtis.size).toBe(5);
  });

  it('refuses an audience without the trailing slash and a malformed consumer_org', async () => {
    const error = await createGrant(
      params({
        audience: 'https://test.maskinporten.no',
        consumerOrg: '12345',
      }),
    ).catch((e: unknown) => e);
    expectCoreError(error, ConfigurationError, 'KJR_CONFIGURATION');
    expect((error as ConfigurationError).issues.map((i) => i.path)).toEqual(['issuer', 'consumerOrg']);
  });

  it('refuses the token endpoint as audience', async () => {
    await expectRejection(
      createGrant(params({ audience: 'https://test.maskinporten.no/token' })),
      ConfigurationError,
      'KJR_CONFIGURATION',
    );
  });
});
