import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { call } from '../support/http-client.js';
import { routeCount, simulatorOptions, startTestSimulator, type RunningSimulator } from '../support/simulator.js';
import { KjoretoyregisterService } from '../../src/index.js';
import { HealthAppModule, RecordingAuditSink } from './app.module.js';

const FIKS = '/kjoretoyregister/api/';
const LOOKUP_AUDIT = { actor: 'saksbehandler-1', purpose: 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' };

describe('KjoretoyregisterHealthIndicator (terminus 11) against the simulator', () => {
  let sim: RunningSimulator;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthAppModule.with(simulatorOptions(sim))],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterEach(async () => {
    await app?.close();
    sim.reset();
  });

  it('is up when a token can be had, reuses the cached token and never calls Fiks by default', async () => {
    const first = await call(url, '/health');
    const second = await call(url, '/health');

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'ok',
      info: { kjoretoyregister: { status: 'up', environment: 'test', token: 'acquired', fiks: 'not checked' } },
    });
    expect(second.status).toBe(200);
    expect(routeCount(sim, 'POST /token')).toBe(1);
    expect(routeCount(sim, FIKS)).toBe(0);
    expect(sim.stats().itemsLookedUp).toBe(0);
    expect(app.get(RecordingAuditSink).events).toEqual([]);
  });

  it('is down with 503 while the token endpoint is down, and up again once it recovers', async () => {
    sim.setFaults({ tokenEndpointDown: true });

    const down = await call(url, '/health');

    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'error',
      error: { kjoretoyregister: { status: 'down', failed: 'maskinporten-token', code: 'KJR_MASKINPORTEN' } },
    });
    expect(JSON.stringify(down.body)).not.toMatch(/eyJ|passord/i);

    sim.setFaults({});
    const up = await call(url, '/health');
    expect(up.status).toBe(200);
    expect(routeCount(sim, FIKS)).toBe(0);
  });

  it('with fiksProbe makes exactly one Fiks call, an exact search for the not-found probe plate', async () => {
    const answer = await call(url, '/health?fiks=1');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ info: { kjoretoyregister: { status: 'up', fiks: 'reachable' } } });
    expect(routeCount(sim, FIKS)).toBe(1);
    expect(
      routeCount(sim, 'GET /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/sok/kjennemerke'),
    ).toBe(1);
    // Audited under the indicator's own name, and nothing came back.
    expect(app.get(RecordingAuditSink).events).toEqual([
      expect.objectContaining({
        operation: 'sok/kjennemerke',
        identifiers: ['XX99999'],
        actor: 'kjoretoyregister-health-indicator',
        purpose: 'HEALTH_CHECK',
        outcome: { found: 0, notFound: 1, unavailable: 0, invalid: 0, error: 0 },
        dataCategories: [],
      }),
    ]);
  });

  it('with fiksProbe spends no lookup quota, however often it runs', async () => {
    sim.setFaults({ quota: { dailyItems: 1 } });

    for (let check = 0; check < 3; check++) {
      const answer = await call(url, '/health?fiks=1');
      expect(answer.body).toMatchObject({ info: { kjoretoyregister: { status: 'up', fiks: 'reachable' } } });
    }

    expect(routeCount(sim, FIKS)).toBe(3);
    expect(sim.stats().itemsLookedUp).toBe(0);
    // The one item of today's quota is still there for a real lookup.
    const [outcome] = await app.get(KjoretoyregisterService).lookupKjennemerke(['CU10942'], { audit: LOOKUP_AUDIT });
    expect(outcome?.status).toBe('found');
  });

  it('with fiksProbe is down when Fiks fails, naming the stage and the error code', async () => {
    sim.setFaults({ serverError: { status: 503 } });

    const answer = await call(url, '/health?fiks=1');

    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      error: { kjoretoyregister: { status: 'down', token: 'acquired', failed: 'fiks', code: 'KJR_UPSTREAM' } },
    });
  });

  it('with fiksProbe is down at the Fiks step when the integration password is wrong', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthAppModule.with(simulatorOptions(sim, { integrasjonPassord: 'not-the-password' }))],
    }).compile();
    const wrongPassword = moduleRef.createNestApplication({ logger: false });
    await wrongPassword.listen(0, '127.0.0.1');
    try {
      const answer = await call(await wrongPassword.getUrl(), '/health?fiks=1');

      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({
        error: {
          kjoretoyregister: { status: 'down', token: 'acquired', failed: 'fiks', code: 'KJR_FIKS_AUTHENTICATION' },
        },
      });
      expect(JSON.stringify(answer.body)).not.toContain('not-the-password');
    } finally {
      await wrongPassword.close();
    }
  });
});
