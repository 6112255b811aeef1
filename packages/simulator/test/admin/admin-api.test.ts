import { generateKeyPairSync } from 'node:crypto';
import { handleAdminRequest, type AdminOperations } from '../../src/admin/admin-api.js';
import { isLoopbackAddress } from '../../src/admin/loopback.js';
import { ServedRequestLog } from '../../src/admin/served-requests.js';
import { startSimulator, type RunningSimulator } from '../../src/index.js';
import { callFiks } from '../fiks/fiks-calls.js';
import { fetchAccessToken, manualClock, postToken, signGrant } from '../maskinporten/grant-signing.js';

const clock = manualClock(Date.UTC(2026, 5, 1, 10, 0, 0));
let sim: RunningSimulator;

const BULK_ROUTE = 'POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke';
const VIN_ROUTE =
  'GET /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/{understellsnummer}';

beforeAll(async () => {
  sim = await startSimulator({ clock: clock.now });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.url}/__admin/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });

describe('stats are exact', () => {
  it('counts 1 token request, 3 bulk requests, items and route templates without identifiers', async () => {
    const token = await fetchAccessToken(sim, clock.seconds());
    for (let i = 0; i < 3; i += 1)
      await callFiks(sim, { token, body: [{ kjennemerke: 'CU10001' }, { kjennemerke: 'CU10002' }] });
    expect(sim.stats().itemsLookedUp).toBe(6);
    await callFiks(sim, { token, svvPath: '/bulk/understellsnummer/YV1ZZZ00000000001', method: 'GET' });
    const stats = (await (await admin('GET', 'stats')).json()) as ReturnType<RunningSimulator['stats']>;
    expect(stats).toEqual(sim.stats());
    expect(stats.tokenRequests).toEqual({ ok: 1, failed: 0, byError: {} });
    expect(stats.routes[BULK_ROUTE]).toEqual({ '200': 3 });
    expect(Object.keys(stats.routes[VIN_ROUTE] ?? {})).toHaveLength(1);
    expect(stats.requests).toBe(5);
    expect(stats.integrations[sim.demo.integrasjonId]?.requests).toBe(4);
    expect(JSON.stringify(stats)).not.toContain('YV1ZZZ');
    expect(JSON.stringify(stats)).not.toContain(sim.demo.fiksOrgId);
  });

  it('does not count admin calls', async () => {
    await admin('GET', 'stats');
    expect(sim.stats().requests).toBe(0);
  });
});

describe('GET /__admin/served-requests', () => {
  it('lists each request that reached the register with its requestId, and not those refused before it', async () => {
    const token = await fetchAccessToken(sim, clock.seconds());
    await callFiks(sim, { token, requestId: 'req-1', body: [{ kjennemerke: 'CU10001' }, { kjennemerke: 'XX99999' }] });
    await callFiks(sim, { token, requestId: 'req-2', svvPath: '/bulk/understellsnummer/TESTDIGDIR0000016' });
    await callFiks(sim, { token, requestId: 'req-3', fault: '503' });
    await callFiks(sim, { token: 'not-a-token', requestId: 'req-4' });
    await callFiks(sim, { token, requestId: 'req-5', fault: 'truncated' });
    await callFiks(sim, { token });

    const served = (await (await admin('GET', 'served-requests')).json()) as ReturnType<
      RunningSimulator['servedRequests']
    >;
    expect(served).toEqual(sim.servedRequests());
    expect(served.dropped).toBe(0);
    expect(served.requests).toEqual([
      { route: BULK_ROUTE, requestId: 'req-1', status: 200, itemsLookedUp: 2 },
      { route: VIN_ROUTE, requestId: 'req-2', status: 200, itemsLookedUp: 1 },
      // A cut-off body was still served: the register looked the vehicle up.
      { route: BULK_ROUTE, requestId: 'req-5', status: 200, itemsLookedUp: 1 },
      { route: BULK_ROUTE, requestId: null, status: 200, itemsLookedUp: 1 },
    ]);
    sim.reset();
    expect(sim.servedRequests().requests).toEqual([]);
  });

  it('keeps the newest entries and counts the dropped ones when full', () => {
    const log = new ServedRequestLog(2);
    for (const id of ['a', 'b', 'c']) log.record(BULK_ROUTE, id, 200, 1);
    expect(log.snapshot()).toEqual({
      requests: [
        { route: BULK_ROUTE, requestId: 'b', status: 200, itemsLookedUp: 1 },
        { route: BULK_ROUTE, requestId: 'c', status: 200, itemsLookedUp: 1 },
      ],
      dropped: 1,
      limit: 2,
    });
  });
});

describe('POST /__admin/reset', () => {
  it('clears counters, faults, quota and used grant ids', async () => {
    const grant = await signGrant(sim, clock.seconds());
    expect((await postToken(sim, grant)).status).toBe(200);
    sim.setFaults({ serverError: { status: 500 } });
    expect((await admin('POST', 'reset')).status).toBe(204);
    expect(sim.stats().requests).toBe(0);
    expect(sim.faults()).toEqual({});
    expect((await postToken(sim, grant)).status).toBe(200);
  });
});

describe('PUT /__admin/faults', () => {
  it('replaces the global faults and echoes them', async () => {
    const response = await admin('PUT', 'faults', { serverError: { status: 502, times: 1 } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ serverError: { status: 502, times: 1 } });
    expect(await (await admin('GET', 'faults')).json()).toEqual({ serverError: { status: 502, times: 1 } });
    const token = await fetchAccessToken(sim, clock.seconds());
    expect((await callFiks(sim, { token })).status).toBe(502);
    expect((await callFiks(sim, { token })).status).toBe(200);
  });

  it('answers 400 naming the field for an invalid configuration', async () => {
    const response = await admin('PUT', 'faults', { serverError: { status: 404 } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid faults: serverError.status must be 500, 502 or 503' });
  });
});

describe('runtime registration', () => {
  it('registers a client with a key and an integration, which then work end to end', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const client = {
      clientId: 'ny-kommune',
      orgnr: '310000027',
      scopes: ['ks:fiks'],
      keys: [{ kid: 'k1', publicPem: publicKey }],
    };
    expect((await admin('POST', 'clients', client)).status).toBe(201);
    const integration = {
      integrasjonId: '0a0a0a0a-1111-4222-8333-444444444444',
      passord: 'hemmelig',
      orgnr: '310000027',
      fiksOrgIds: ['c1c1c1c1-1111-4222-8333-444444444444'],
    };
    expect((await admin('POST', 'integrations', integration)).status).toBe(201);

    const token = await fetchAccessToken(sim, clock.seconds(), {
      header: { alg: 'RS256', kid: 'k1' },
      keyPem: privateKey,
      claims: { iss: 'ny-kommune' },
    });
    const result = await callFiks(sim, {
      token,
      integrasjonId: integration.integrasjonId,
      integrasjonPassord: 'hemmelig',
      fiksOrgId: integration.fiksOrgIds[0],
    });
    expect(result.status).toBe(200);
  });

  it('answers 400 naming the fields of an invalid registration', async () => {
    const response = await admin('POST', 'clients', { clientId: '', orgnr: '12', scopes: 'ks:fiks' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(
      'invalid client registration: clientId must be a non-empty string; orgnr must be 9 digits; scopes must be an array of strings',
    );
  });
});

describe('POST /__admin/revoke-tokens', () => {
  it('revokes every token issued so far', async () => {
    const token = await fetchAccessToken(sim, clock.seconds());
    const response = await admin('POST', 'revoke-tokens');
    expect(await response.json()).toEqual({ revoked: expect.any(Number) });
    expect((await callFiks(sim, { token })).status).toBe(401);
  });
});

describe('loopback only', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    [undefined, false],
  ])('isLoopbackAddress(%s) is %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it('refuses a non-loopback caller with 403 before touching any state', () => {
    let touched = false;
    const touch = () => {
      touched = true;
      throw new Error('must not be called');
    };
    const ops: AdminOperations = {
      stats: touch,
      servedRequests: touch,
      reset: touch,
      faults: touch,
      setFaults: touch,
      registerClient: touch,
      registerIntegration: touch,
      revokeTokens: touch,
    };
    for (const [method, pathname] of [
      ['GET', '/__admin/stats'],
      ['POST', '/__admin/reset'],
      ['PUT', '/__admin/faults'],
    ] as const) {
      const response = handleAdminRequest(ops, { method, pathname, remoteAddress: '192.168.1.20', body: '{}' });
      expect(response.status).toBe(403);
    }
    expect(touched).toBe(false);
  });

  it('serves a loopback caller over real HTTP', async () => {
    expect((await admin('GET', 'stats')).status).toBe(200);
    expect((await admin('GET', 'nope')).status).toBe(404);
  });
});
