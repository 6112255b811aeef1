import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { startSimulator, type RunningSimulator } from '../../src/index.js';
import { fetchAccessToken, manualClock, postToken, signGrant } from './grant-signing.js';

const clock = manualClock(Date.UTC(2026, 5, 1, 10, 0, 0));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock: clock.now, tokenLifetimeSeconds: 300 });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

async function verifiedClaims(accessToken: string) {
  const keys = (await (await fetch(sim.jwksUrl)).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(accessToken, createLocalJWKSet(keys), {
    issuer: sim.issuer,
    currentDate: new Date(clock.now()),
  });
  return payload;
}

describe('Maskinporten metadata (docs/contract.md#s2.1)', () => {
  it('publishes well-known metadata whose issuer ends with a slash and points at /token and /jwk', async () => {
    const metadata = (await (await fetch(`${sim.url}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata).toEqual({
      issuer: `${sim.url}/`,
      token_endpoint: `${sim.url}/token`,
      jwks_uri: `${sim.url}/jwk`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
    });
  });
});

describe('POST /token issues access tokens (docs/contract.md#s2.5, docs/contract.md#s2.6)', () => {
  it('answers a certificate grant with an RS256 JWT carrying the documented claims', async () => {
    const result = await postToken(sim, await signGrant(sim, clock.seconds()));
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'ks:fiks' });
    const token = result.json['access_token'] as string;
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe('RS256');
    expect(typeof header.kid).toBe('string');
    const claims = await verifiedClaims(token);
    expect(claims).toMatchObject({
      iss: sim.issuer,
      client_id: 'demo-kommune-client',
      client_amr: 'virksomhetssertifikat',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${sim.demo.orgnr}` },
      scope: 'ks:fiks',
      token_type: 'Bearer',
      iat: clock.seconds(),
      exp: clock.seconds() + 300,
    });
    expect(typeof claims.jti).toBe('string');
    expect(claims['supplier']).toBeUndefined();
    expect(claims['delegation_source']).toBeUndefined();
  });

  it.each(['RS384', 'RS512'] as const)('accepts a grant signed with %s', async (alg) => {
    const result = await postToken(
      sim,
      await signGrant(sim, clock.seconds(), { header: { alg, x5c: sim.credentials.client.x5c } }),
    );
    expect(result.status).toBe(200);
  });

  it('accepts a registered-key grant (kid) and marks the token private_key_jwt', async () => {
    const token = await fetchAccessToken(sim, clock.seconds(), {
      header: { alg: 'RS256', kid: sim.credentials.registeredKey.kid },
      keyPem: sim.credentials.registeredKey.privateKeyPem,
    });
    expect(await verifiedClaims(token)).toMatchObject({
      client_amr: 'private_key_jwt',
      consumer: { ID: `0192:${sim.demo.orgnr}` },
    });
  });

  it('uses the certificate when x5c and kid are both present, as the .NET KS client may send', async () => {
    const token = await fetchAccessToken(sim, clock.seconds(), {
      header: { alg: 'RS256', x5c: sim.credentials.client.x5c, kid: 'whatever-the-client-says' },
    });
    expect(await verifiedClaims(token)).toMatchObject({ client_amr: 'virksomhetssertifikat' });
  });

  it('accepts a full chain in x5c and checks only the leaf against the test CA', async () => {
    const chain = [...sim.credentials.client.x5c, sim.credentials.ca.certPem.replace(/-----[A-Z ]+-----|\s/g, '')];
    const result = await postToken(
      sim,
      await signGrant(sim, clock.seconds(), { header: { alg: 'RS256', x5c: chain } }),
    );
    expect(result.status).toBe(200);
  });

  it('accepts a grant without jti (the claim is only recommended)', async () => {
    const result = await postToken(sim, await signGrant(sim, clock.seconds(), { claims: { jti: undefined } }));
    expect(result.status).toBe(200);
  });

  it('issues a delegated token: consumer is the delegating org, supplier the caller', async () => {
    const token = await fetchAccessToken(sim, clock.seconds(), {
      header: { alg: 'RS256', x5c: sim.credentials.supplier.x5c },
      keyPem: sim.credentials.supplier.keyPem,
      claims: { iss: sim.demo.supplierClientId, consumer_org: sim.demo.orgnr },
    });
    expect(await verifiedClaims(token)).toMatchObject({
      client_id: 'demo-leverandor-client',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${sim.demo.orgnr}` },
      supplier: { authority: 'iso6523-actorid-upis', ID: `0192:${sim.demo.supplierOrgnr}` },
      delegation_source: expect.any(String),
    });
  });

  it('counts token requests exactly', async () => {
    await fetchAccessToken(sim, clock.seconds());
    await postToken(sim, 'not-a-jwt');
    const stats = sim.stats();
    expect(stats.tokenRequests).toEqual({ ok: 1, failed: 1, byError: { 'MP-011': 1 } });
    expect(stats.routes['POST /token']).toEqual({ '200': 1, '400': 1 });
  });
});

describe('default token lifetime', () => {
  it('is 120 seconds when not configured (docs/contract.md#s2.5)', async () => {
    const other = await startSimulator({ clock: clock.now });
    try {
      const result = await postToken(other, await signGrant(other, clock.seconds()));
      expect(result.json['expires_in']).toBe(120);
    } finally {
      await other.stop();
    }
  });
});
