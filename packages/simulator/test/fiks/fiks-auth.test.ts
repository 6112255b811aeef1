import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { startSimulator, type RunningSimulator } from '../../src/index.js';
import { fetchAccessToken, manualClock } from '../maskinporten/grant-signing.js';
import { callFiks, expectFiksError } from './fiks-calls.js';

const START = Date.UTC(2026, 5, 1, 10, 0, 0);
const clock = manualClock(START);
let sim: RunningSimulator;
let token: string;

const TOKEN_REJECTED = 'Klarte ikke å validere access_token';
const integrationRejected = (id: string) => `Autentisering feilet for integrasjon med id ${id}`;

beforeAll(async () => {
  sim = await startSimulator({ clock: clock.now });
  sim.registerClient({ clientId: 'annet-scope-client', orgnr: sim.demo.orgnr, scopes: ['ks:annet'] });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  clock.set(START);
  sim.reset();
  token = await fetchAccessToken(sim, clock.seconds());
});

describe('Fiks accepts a call that meets the three preconditions (docs/contract.md#s3.3)', () => {
  it('passes a valid token, integration and fiksOrgId through to the SVV endpoint', async () => {
    const result = await callFiks(sim, { token });
    expect(result.status).toBe(200);
    expect(Array.isArray(JSON.parse(result.text))).toBe(true);
    expect(sim.stats().integrations[sim.demo.integrasjonId]).toEqual({ requests: 1, itemsLookedUp: 1 });
  });

  it('accepts a delegated token whose consumer is the integration’s organisation (docs/contract.md#s3.4)', async () => {
    const delegated = await fetchAccessToken(sim, clock.seconds(), {
      header: { alg: 'RS256', x5c: sim.credentials.supplier.x5c },
      keyPem: sim.credentials.supplier.keyPem,
      claims: { iss: sim.demo.supplierClientId, consumer_org: sim.demo.orgnr },
    });
    expect((await callFiks(sim, { token: delegated })).status).toBe(200);
  });
});

describe('401 «Klarte ikke å validere access_token»: the token is the problem (docs/contract.md#s3.5)', () => {
  it('when there is no Authorization header', async () => {
    expectFiksError(await callFiks(sim), 401, TOKEN_REJECTED, clock.now());
  });

  it('when the bearer value is not a JWT', async () => {
    expectFiksError(await callFiks(sim, { token: 'garbage' }), 401, TOKEN_REJECTED, clock.now());
  });

  it('when the token has expired on the simulator clock', async () => {
    clock.advance(121_000);
    expectFiksError(await callFiks(sim, { token }), 401, TOKEN_REJECTED, clock.now());
  });

  it('when the token lacks the ks:fiks scope', async () => {
    const wrongScope = await fetchAccessToken(sim, clock.seconds(), {
      claims: { iss: 'annet-scope-client', scope: 'ks:annet' },
    });
    expectFiksError(await callFiks(sim, { token: wrongScope }), 401, TOKEN_REJECTED, clock.now());
  });

  it('when the token is signed by a key that is not in the simulator JWKS', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({
      client_id: sim.demo.clientId,
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${sim.demo.orgnr}` },
      scope: 'ks:fiks',
      token_type: 'Bearer',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'foreign' })
      .setIssuer(sim.issuer)
      .setIssuedAt(clock.seconds())
      .setExpirationTime(clock.seconds() + 120)
      .setJti(randomUUID())
      .sign(privateKey);
    expectFiksError(await callFiks(sim, { token: forged }), 401, TOKEN_REJECTED, clock.now());
  });

  it('when a Maskinporten token comes from another simulator (another issuer and key)', async () => {
    const other = await startSimulator({ clock: clock.now });
    try {
      const foreign = await fetchAccessToken(other, clock.seconds());
      expectFiksError(await callFiks(sim, { token: foreign }), 401, TOKEN_REJECTED, clock.now());
    } finally {
      await other.stop();
    }
  });

  it('when the token was revoked before its expiry; a new token works again', async () => {
    expect(sim.revokeTokens()).toBeGreaterThanOrEqual(1);
    expectFiksError(await callFiks(sim, { token }), 401, TOKEN_REJECTED, clock.now());
    const fresh = await fetchAccessToken(sim, clock.seconds());
    expect((await callFiks(sim, { token: fresh })).status).toBe(200);
  });
});

describe('401 «Autentisering feilet for integrasjon med id …»: the integration is the problem', () => {
  it('when the password is wrong', async () => {
    const result = await callFiks(sim, { token, integrasjonPassord: 'feil-passord' });
    expectFiksError(result, 401, integrationRejected(sim.demo.integrasjonId), clock.now());
  });

  it('when the integration id is unknown', async () => {
    const unknown = randomUUID();
    expectFiksError(
      await callFiks(sim, { token, integrasjonId: unknown }),
      401,
      integrationRejected(unknown),
      clock.now(),
    );
  });

  it('when the token’s consumer org is not the integration’s authorised org', async () => {
    const supplierToken = await fetchAccessToken(sim, clock.seconds(), {
      header: { alg: 'RS256', x5c: sim.credentials.supplier.x5c },
      keyPem: sim.credentials.supplier.keyPem,
      claims: { iss: sim.demo.supplierClientId },
    });
    const result = await callFiks(sim, { token: supplierToken });
    expectFiksError(result, 401, integrationRejected(sim.demo.integrasjonId), clock.now());
  });

  it('never says which check failed: the three bodies differ only in errorId', async () => {
    const strip = (json: Record<string, unknown>) => ({ ...json, errorId: undefined });
    const wrongPassword = await callFiks(sim, { token, integrasjonPassord: 'feil' });
    sim.registerIntegration({
      integrasjonId: 'b0b0b0b0-0000-4000-8000-000000000001',
      passord: 'p',
      orgnr: sim.demo.supplierOrgnr,
      fiksOrgIds: [sim.demo.fiksOrgId],
    });
    const wrongOrg = await callFiks(sim, {
      token,
      integrasjonId: 'b0b0b0b0-0000-4000-8000-000000000001',
      integrasjonPassord: 'p',
    });
    expect(strip(wrongPassword.json)).toEqual({
      ...strip(wrongOrg.json),
      message: integrationRejected(sim.demo.integrasjonId),
    });
  });
});

describe('403: authenticated but without access to the fiksOrgId (docs/contract.md#s3.3)', () => {
  it('when the integration has no Kjøretøyregister access for the fiksOrgId in the path', async () => {
    const result = await callFiks(sim, { token, fiksOrgId: randomUUID() });
    expect(result.status).toBe(403);
    expect(result.json).toMatchObject({ status: 403, error: 'Forbidden', timestamp: clock.now() });
    expect(result.json['message']).not.toContain(sim.demo.integrasjonId);
  });

  it('checks the token before the integration, and the integration before access', async () => {
    const result = await callFiks(sim, { integrasjonPassord: 'feil', fiksOrgId: randomUUID() });
    expect(result.json['message']).toBe(TOKEN_REJECTED);
    const second = await callFiks(sim, { token, integrasjonPassord: 'feil', fiksOrgId: randomUUID() });
    expect(second.status).toBe(401);
  });

  it('grants access registered at runtime', async () => {
    const fiksOrgId = randomUUID();
    sim.registerIntegration({
      integrasjonId: sim.demo.integrasjonId,
      passord: sim.demo.integrasjonPassord,
      orgnr: sim.demo.orgnr,
      fiksOrgIds: [sim.demo.fiksOrgId, fiksOrgId],
    });
    expect((await callFiks(sim, { token, fiksOrgId })).status).toBe(200);
  });
});

describe('paths under the Fiks base', () => {
  it('answers an unknown SVV path with a plain 404 after authentication', async () => {
    const result = await callFiks(sim, { token, svvPath: '/finnes/ikke' });
    expect(result.status).toBe(404);
    expect(result.json).toEqual({});
  });

  it('answers a path outside the Fiks base with a plain 404', async () => {
    const response = await fetch(`${sim.url}/no/such/path`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not Found');
  });
});
