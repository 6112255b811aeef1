import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { createHash } from 'node:crypto';
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

  type ProblemBody = { message: string; problems: { path: string; message: string }[] };

  it('answers text the database cannot store with 400 and one problem per field, all at once', async () => {
    const before = await countSaker();
    const response = await postSigned(
      system.url,
      system.secret,
      {
        kjennemerke: 'CU10942',
        observertTidspunkt: '0000-06-01T10:00:00+01:00',
        sted: { adresse: 'Storgata \ud800 1', lat: 59.9, lon: 10.7 },
        beskrivelse: 'står\u0000ved busslomma',
        meldtAv: 'feltapp\u0007',
      },
      { id: `msg_${'x'.repeat(3_000)}` },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as ProblemBody;
    expect(body.problems).toEqual([
      { path: 'headers.webhook-id', message: 'must be at most 256 characters' },
      { path: 'observertTidspunkt', message: 'must not be before 1970-01-01T00:00:00Z' },
      { path: 'sted.adresse', message: 'must not contain unpaired surrogates' },
      { path: 'beskrivelse', message: 'must not contain control characters other than tab and line breaks' },
      { path: 'meldtAv', message: 'must not contain control characters' },
    ]);
    expect(await countSaker()).toBe(before);
  });

  it('refuses the years PostgreSQL rejects or PGlite shifts by a century, and keeps line breaks in beskrivelse', async () => {
    for (const observertTidspunkt of ['0001-03-01T10:00:00+01:00', '0099-12-31T23:59:59Z', '1969-12-31T23:59:59Z']) {
      const response = await postSigned(
        system.url,
        system.secret,
        observasjon({ kjennemerke: 'CU10942', observertTidspunkt }),
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as ProblemBody).problems.map((p) => p.path)).toEqual(['observertTidspunkt']);
    }
    const accepted = await postSigned(system.url, system.secret, {
      ...observasjon({ kjennemerke: 'CU10942', observertTidspunkt: '1970-01-01T00:00:00Z' }),
      beskrivelse: 'linje 1\nlinje 2\ttab',
    });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    const sak = await system.db.selectFrom('saker').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(sak.observert_tidspunkt.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(sak.beskrivelse).toBe('linje 1\nlinje 2\ttab');
  });

  it('answers a validly signed body with another Content-Type with 415, not 401', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'CU10942' }), {
        contentType,
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({
        message: 'Content-Type must be application/json',
        problems: [{ path: 'headers.content-type', message: 'must be application/json' }],
      });
    }
    const charset = await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'CU10942' }), {
      contentType: 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(202);
  });

  it('answers a known webhook-id with another body with 409 naming both digests, and keeps the first case', async () => {
    const id = newWebhookId();
    const first = JSON.stringify(observasjon({ kjennemerke: 'CU10001' }));
    const second = JSON.stringify(observasjon({ kjennemerke: 'CU10002' }));
    const created = await postSigned(system.url, system.secret, first, { id });
    expect(created.status).toBe(202);
    const { id: sakId } = (await created.json()) as { id: string };
    const before = await countSaker();

    for (const body of [second, JSON.stringify({ kjennemerke: 'NOT A PLATE' })]) {
      const reused = await postSigned(system.url, system.secret, body, { id });
      expect(reused.status).toBe(409);
      const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
      const problem = ((await reused.json()) as ProblemBody).problems[0];
      expect(problem).toEqual({
        path: 'headers.webhook-id',
        message: `already used: first body sha256 ${digest(first)}…, this body sha256 ${digest(body)}…`,
      });
    }
    expect(await countSaker()).toBe(before);
    const sak = await system.db.selectFrom('saker').selectAll().where('id', '=', sakId).executeTakeFirstOrThrow();
    expect(sak.kjennemerke).toBe('CU10001');
    // The same body again is still a redelivery.
    expect((await postSigned(system.url, system.secret, first, { id })).status).toBe(200);
  });

  it('answers a redelivery of a webhook-id stored before body digests with its case, whatever the body', async () => {
    const id = newWebhookId();
    const created = await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'CU10003' }), { id });
    const { id: sakId } = (await created.json()) as { id: string };
    await sql`update inbound_webhooks set body_sha256 = null where webhook_id = ${id}`.execute(system.db);
    const replay = await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'CU10004' }), { id });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { id: string }).id).toBe(sakId);
  });
});
