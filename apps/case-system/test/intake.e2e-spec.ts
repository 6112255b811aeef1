import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { newWebhookId, newWebhookSecret, observasjon, postSigned } from './support/webhooks.js';

// Intake only: the worker is off, so anything the register sees would have come from the request.
describe('POST /webhooks/observasjoner', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, { env: { WORKER_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  const countSaker = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from saker`.execute(system.db)).rows[0].n;

  it('accepts a signed observation with 202 and Location at once, and leaves the lookup to the worker', async () => {
    const response = await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'st 10001' }));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string; href: string };
    expect(body).toEqual({ id: expect.any(String), status: 'MOTTATT', href: `/api/saker/${body.id}` });
    expect(response.headers.get('location')).toBe(`/api/saker/${body.id}`);

    const sak = await system.db.selectFrom('saker').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(sak).toMatchObject({ status: 'MOTTATT', kilde: 'webhook:feltapp', kjennemerke: 'ST10001' });
    const job = await system.db
      .selectFrom('lookup_jobs')
      .selectAll()
      .where('sak_id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'PENDING', actor: 'webhook:feltapp', attempts: 0 });
    expect(simulator.stats().itemsLookedUp).toBe(0);
    expect(simulator.stats().tokenRequests.ok).toBe(0);
  });

  it('rejects a wrong signature, a tampered body, stale or future timestamps, missing headers and unknown secrets with 401', async () => {
    const before = await countSaker();
    const payload = observasjon({ kjennemerke: 'CU10942' });
    const body = JSON.stringify(payload);
    const id = newWebhookId();
    const at = new Date();
    const goodSignature = new Webhook(system.secret).sign(id, at, body);

    const attempts: Promise<Response>[] = [
      postSigned(system.url, system.secret, payload, { signature: 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }),
      postSigned(system.url, system.secret, JSON.stringify({ ...payload, kjennemerke: 'EC80261' }), {
        id,
        at,
        signature: goodSignature,
      }),
      postSigned(system.url, system.secret, payload, { at: new Date(Date.now() - 6 * 60_000) }),
      postSigned(system.url, system.secret, payload, { at: new Date(Date.now() + 6 * 60_000) }),
      postSigned(system.url, newWebhookSecret(), payload),
      fetch(`${system.url}/webhooks/observasjoner`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    ];
    const statuses = await Promise.all(attempts.map(async (attempt) => (await attempt).status));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(await countSaker()).toBe(before);
  });

  it('answers a replayed webhook-id with 200 and the same case, creating nothing new', async () => {
    const id = newWebhookId();
    const payload = observasjon({ kjennemerke: 'CU10001' });
    const first = await postSigned(system.url, system.secret, payload, { id });
    const created = (await first.json()) as { id: string };
    const before = await countSaker();

    const replay = await postSigned(system.url, system.secret, payload, { id });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ id: created.id, status: 'MOTTATT', href: `/api/saker/${created.id}` });
    expect(replay.headers.get('location')).toBe(`/api/saker/${created.id}`);
    expect(await countSaker()).toBe(before);
  });

  it('turns concurrent duplicate deliveries into exactly one case and one job', async () => {
    const id = newWebhookId();
    const payload = observasjon({ kjennemerke: 'EC80261' });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => postSigned(system.url, system.secret, payload, { id })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 202]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const [sakId] = [...ids];
    const jobs = await system.db.selectFrom('lookup_jobs').select('id').where('sak_id', '=', sakId).execute();
    expect(jobs).toHaveLength(1);
    const inbox = await system.db.selectFrom('inbound_webhooks').selectAll().where('webhook_id', '=', id).execute();
    expect(inbox).toEqual([expect.objectContaining({ source: 'feltapp', sak_id: sakId })]);
  });

  it('answers an invalid body with 400 listing every problem, and creates nothing', async () => {
    const before = await countSaker();
    const response = await postSigned(system.url, system.secret, {
      kjennemerke: 'NOT A PLATE!',
      observertTidspunkt: '1. mars 2024',
      sted: { lat: 'north', lon: 200 },
      farge: 'rød',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; problems: { path: string; message: string }[] };
    expect(body.message).toBe('Invalid observation');
    expect(body.problems.map((p) => p.path).sort()).toEqual([
      '(body)',
      'kjennemerke',
      'observertTidspunkt',
      'sted.lat',
      'sted.lon',
    ]);
    expect(JSON.stringify(body)).not.toContain('NOT A PLATE');

    const noIdentifier = await postSigned(system.url, system.secret, {
      observertTidspunkt: '2024-03-01T10:00:00+01:00',
      sted: { lat: 59.9, lon: 10.7 },
    });
    expect(noIdentifier.status).toBe(400);
    expect(((await noIdentifier.json()) as { problems: unknown[] }).problems).toEqual([
      { path: 'kjennemerke', message: 'kjennemerke or understellsnummer is required' },
    ]);

    const future = await postSigned(
      system.url,
      system.secret,
      observasjon({ kjennemerke: 'CU10942', observertTidspunkt: '2999-01-01T00:00:00+01:00' }),
    );
    expect(future.status).toBe(400);
    expect(await countSaker()).toBe(before);
  });
});
