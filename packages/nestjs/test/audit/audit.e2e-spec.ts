import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditContextStorage, KjoretoyregisterService } from '../../src/index.js';
import { call } from '../support/http-client.js';
import { routeCount, simulatorOptions, startTestSimulator, type RunningSimulator } from '../support/simulator.js';
import { AuditAppModule, InMemoryAuditStore } from './app.module.js';

describe('@KjoretoyregisterAudit: audit events carry the actor of the HTTP request', () => {
  let sim: RunningSimulator;
  let app: INestApplication;
  let url: string;
  let store: InMemoryAuditStore;

  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuditAppModule.with(simulatorOptions(sim))],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    store = app.get(InMemoryAuditStore);
  });
  afterEach(async () => {
    await app?.close();
    sim.reset();
  });

  it("records req.user as actor, the route's purpose and legal basis, and the case ref from the route param", async () => {
    const answer = await call(url, '/saker/SAK-2025-0042/kjoretoy/CU10942', {
      headers: { 'x-test-user': 'saksbehandler-17' },
    });

    expect(answer).toMatchObject({ status: 200, body: { status: 'found' } });
    expect(store.events).toHaveLength(1);
    expect(store.events[0]).toMatchObject({
      actor: 'saksbehandler-17',
      purpose: 'HENSATT_KJORETOY',
      legalBasis: 'vegtrafikkloven § 37',
      caseRef: 'SAK-2025-0042',
      operation: 'bulk/kjennemerke',
      identifiers: ['CU10942'],
      outcome: expect.objectContaining({ found: 1 }),
    });
  });

  it('keeps concurrent requests apart: each event has the actor and case of its own request', async () => {
    const users = ['saksbehandler-1', 'saksbehandler-2', 'saksbehandler-3', 'saksbehandler-4'];

    await Promise.all(
      users.map((user, i) =>
        call(url, `/saker/SAK-${i + 1}/kjoretoy/${i % 2 ? 'EC80261' : 'CU10942'}`, {
          headers: { 'x-test-user': user },
        }),
      ),
    );

    const byActor = Object.fromEntries(store.events.map((e) => [e.actor, e.caseRef]));
    expect(byActor).toEqual({
      'saksbehandler-1': 'SAK-1',
      'saksbehandler-2': 'SAK-2',
      'saksbehandler-3': 'SAK-3',
      'saksbehandler-4': 'SAK-4',
    });
  });

  it('reads the case ref from a header on a decorated controller', async () => {
    await call(url, '/intern/kjoretoy/CU10942', { headers: { 'x-test-user': 'kontrollor-9', 'x-sak': 'K-77' } });

    expect(store.events).toEqual([
      expect.objectContaining({ actor: 'kontrollor-9', purpose: 'KONTROLL', caseRef: 'K-77' }),
    ]);
  });

  it("lets a call's explicit audit fields win over the request's", async () => {
    await call(url, '/saker/SAK-5/parkering/CU10942', { headers: { 'x-test-user': 'saksbehandler-5' } });

    expect(store.events).toEqual([
      expect.objectContaining({
        actor: 'saksbehandler-5',
        purpose: 'PARKERINGSGEBYR',
        legalBasis: 'vegtrafikkloven § 37',
        caseRef: 'SAK-5',
      }),
    ]);
  });

  it('refuses an unauthenticated request with 403 before anything is sent to Fiks', async () => {
    const answer = await call(url, '/saker/SAK-6/kjoretoy/CU10942');

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'KJR_AUDIT_CONTEXT_REQUIRED' });
    expect(routeCount(sim, '/kjoretoyregister/api/')).toBe(0);
  });

  it("writes the intent with the request's context before the lookup and completes it by audit id", async () => {
    const answer = await call(url, '/saker/SAK-8/kjoretoy/CU10942', { headers: { 'x-test-user': 'saksbehandler-8' } });

    expect(answer.status).toBe(200);
    expect(store.intents).toEqual([
      expect.objectContaining({
        phase: 'intent',
        actor: 'saksbehandler-8',
        purpose: 'HENSATT_KJORETOY',
        caseRef: 'SAK-8',
        operation: 'bulk/kjennemerke',
        identifiers: ['CU10942'],
      }),
    ]);
    const [intent] = store.intents;
    expect(store.completions).toEqual([
      expect.objectContaining({
        phase: 'completed',
        auditId: intent.auditId,
        requestId: intent.requestId,
        outcome: expect.objectContaining({ found: 1 }),
      }),
    ]);
    expect(store.events[0]).toMatchObject({ auditIds: [intent.auditId], requestIds: [intent.requestId] });
  });

  it('sends nothing when the audit store refuses the intent, and says so on the item and in the event', async () => {
    store.refuseIntents = true;
    const answer = await call(url, '/saker/SAK-9/kjoretoy/CU10942', { headers: { 'x-test-user': 'saksbehandler-9' } });

    // A bulk lookup settles per item; the app's service reports the item's status.
    expect(answer).toMatchObject({ status: 200, body: { status: 'error' } });
    expect(routeCount(sim, '/kjoretoyregister/api/')).toBe(0);
    expect(store.completions).toEqual([]);
    expect(store.events[0]).toMatchObject({ errorCode: 'KJR_AUDIT_WRITE', auditIds: [] });
  });

  it('gives the context to calls outside HTTP too, via AuditContextStorage.run', async () => {
    const service = app.get(KjoretoyregisterService);
    const storage = app.get(AuditContextStorage);
    const context = { actor: 'nattjobb', purpose: 'OPPFOLGING', legalBasis: 'vegtrafikkloven § 37', caseRef: 'SAK-7' };

    await storage.run(context, () => service.lookupKjennemerke(['CU10942']));

    expect(store.events).toEqual([expect.objectContaining(context)]);
    expect(storage.current()).toBeUndefined();
  });
});
