import { randomUUID } from 'node:crypto';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { SakHendelse } from '../src/case-work/case-work.js';
import { CaseWorkService } from '../src/case-work/case-work.service.js';
import type { Sak } from '../src/saker/domain/sak.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { startSubscriber, type Subscriber } from './support/subscriber.js';
import { waitFor } from './support/wait.js';
import { newWebhookSecret, observasjon, postSigned } from './support/webhooks.js';

interface EventRow {
  actor: string;
  type: string;
  details: Record<string, string>;
}

describe('case work over the API: notice, removal, closing and re-runs, each one event', () => {
  const outboundSecret = newWebhookSecret();
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let subscriber: Subscriber;
  let kari: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    subscriber = await startSubscriber(outboundSecret, () => 204);
    system = await startTestCaseSystem(simulator, {
      env: { WEBHOOK_OUTBOUND_URLS: subscriber.url, WEBHOOK_OUTBOUND_SECRET: outboundSecret },
    });
    kari = await system.createUser('saksbehandler', 'kari.saksbehandler');
  });
  afterAll(async () => {
    await system?.stop();
    await subscriber?.close();
    await simulator?.stop();
  });

  const newCase = async (kjennemerke = 'ST10001'): Promise<string> => {
    const response = await postSigned(system.url, system.secret, observasjon({ kjennemerke }));
    const id = ((await response.json()) as { id: string }).id;
    await system.waitForSak(id, kari);
    return id;
  };

  const post = (path: string, body: unknown, key = kari) =>
    fetch(`${system.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const events = async (sakId: string): Promise<EventRow[]> =>
    (
      await sql<EventRow>`SELECT actor, type, details FROM sak_hendelser WHERE sak_id = ${sakId}
        ORDER BY occurred_at, id`.execute(system.db)
    ).rows;

  it('records notice, removal, a re-run and closing, each as one event with the person as actor', async () => {
    const id = await newCase();
    const sendt = '2024-03-05T09:30:00+01:00';

    const varsel = await post(`/api/saker/${id}/varsel`, { kanal: 'digipost', sendt });
    expect(varsel.status).toBe(201);
    const answer = (await varsel.json()) as { sak: Sak; hendelse: SakHendelse };
    expect(answer.sak).toMatchObject({ varselKanal: 'digipost', varselSendt: '2024-03-05T08:30:00.000Z' });
    expect(answer.hendelse).toMatchObject({ sakId: id, actor: 'bruker:kari.saksbehandler', type: 'varsel_sendt' });
    expect(await events(id)).toEqual([
      {
        actor: 'bruker:kari.saksbehandler',
        type: 'varsel_sendt',
        details: { kanal: 'digipost', sendt: '2024-03-05T08:30:00.000Z' },
      },
    ]);

    expect((await post(`/api/saker/${id}/fjernet`, { merknad: 'Hentet av bergingsfirma' })).status).toBe(201);
    const rerun = await post(`/api/saker/${id}/oppslag`, {});
    expect(rerun.status).toBe(202);
    const jobs = await sql<{ actor: string }>`SELECT actor FROM lookup_jobs WHERE sak_id = ${id}
      ORDER BY created_at`.execute(system.db);
    expect(jobs.rows.map((row) => row.actor)).toEqual(['webhook:feltapp', 'bruker:kari.saksbehandler']);

    expect((await post(`/api/saker/${id}/lukk`, { grunn: 'kommunen_fjernet' })).status).toBe(201);
    const sak = await system.get<Sak>(`/api/saker/${id}`, kari);
    expect(sak).toMatchObject({ lukketGrunn: 'kommunen_fjernet', varselKanal: 'digipost' });
    expect(Date.parse(sak.fjernet ?? '')).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(sak.lukket ?? '')).toBeLessThanOrEqual(Date.now());

    const rows = await events(id);
    expect(rows.map((row) => [row.type, row.actor])).toEqual([
      ['varsel_sendt', 'bruker:kari.saksbehandler'],
      ['fjernet', 'bruker:kari.saksbehandler'],
      ['nytt_oppslag', 'bruker:kari.saksbehandler'],
      ['lukket', 'bruker:kari.saksbehandler'],
    ]);
    expect(rows[1].details['merknad']).toBe('Hentet av bergingsfirma');
    expect(rows[3].details).toEqual({ grunn: 'kommunen_fjernet' });

    const listed = await system.get<SakHendelse[]>(`/api/saker/${id}/hendelser`, kari);
    expect(listed.map((event) => event.type)).toEqual(['varsel_sendt', 'fjernet', 'nytt_oppslag', 'lukket']);
  });

  it('refuses every change to a closed case with 409 and a Norwegian message, writing no event', async () => {
    const id = await newCase();
    expect((await post(`/api/saker/${id}/lukk`, { grunn: 'feilregistrert' })).status).toBe(201);
    for (const [path, body] of [
      ['lukk', { grunn: 'feilregistrert' }],
      ['varsel', { kanal: 'brev' }],
      ['fjernet', {}],
      ['oppslag', {}],
    ] as const) {
      const response = await post(`/api/saker/${id}/${path}`, body);
      const answer = (await response.json()) as { code: string; message: string };
      expect([path, response.status, answer.code]).toEqual([path, 409, 'SAK_LUKKET']);
      expect(answer.message).toMatch(/^Saken er (allerede )?lukket/);
    }
    expect((await events(id)).map((row) => row.type)).toEqual(['lukket']);
    const pending = await sql<{ n: string }>`SELECT count(*) AS n FROM lookup_jobs
      WHERE sak_id = ${id} AND status = 'PENDING'`.execute(system.db);
    expect(Number(pending.rows[0].n)).toBe(0);
  });

  it('refuses recording a removal twice, and answers 404 for an unknown case', async () => {
    const id = await newCase();
    expect((await post(`/api/saker/${id}/fjernet`, {})).status).toBe(201);
    const again = await post(`/api/saker/${id}/fjernet`, {});
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('ALLEREDE_FJERNET');
    expect((await events(id)).map((row) => row.type)).toEqual(['fjernet']);
    expect((await post(`/api/saker/${randomUUID()}/lukk`, { grunn: 'annet', merknad: 'x' })).status).toBe(404);
  });

  it('lists every problem of a bad body at once and changes nothing', async () => {
    const id = await newCase();
    const response = await post(`/api/saker/${id}/varsel`, {
      kanal: 'brevdue',
      sendt: new Date(Date.now() + 86_400_000).toISOString(),
      ekstra: 1,
    });
    expect(response.status).toBe(400);
    const { problems } = (await response.json()) as { problems: { path: string }[] };
    expect(problems.map((problem) => problem.path).sort()).toEqual(['(body)', 'kanal', 'sendt']);
    const annet = await post(`/api/saker/${id}/lukk`, { grunn: 'annet' });
    expect(annet.status).toBe(400);
    expect(((await annet.json()) as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['merknad']);
    expect(await events(id)).toEqual([]);
  });

  it('lets only one of two simultaneous closings through', async () => {
    const id = await newCase();
    const statuses = await Promise.all(
      [0, 1].map(async () => (await post(`/api/saker/${id}/lukk`, { grunn: 'eier_fjernet' })).status),
    );
    expect(statuses.sort()).toEqual([201, 409]);
    expect((await events(id)).map((row) => row.type)).toEqual(['lukket']);
  });

  it('tells subscribers that a case was closed, with the reason code and no note', async () => {
    const id = await newCase();
    expect(
      (await post(`/api/saker/${id}/lukk`, { grunn: 'annet', merknad: 'Eieren ringte, Ola Nordmann' })).status,
    ).toBe(201);
    const receipt = await waitFor('the sak.lukket event', async () =>
      subscriber.receipts.find((r) => {
        const body = r.body as { type?: string; data?: { sakId?: string } };
        return body.type === 'sak.lukket' && body.data?.sakId === id;
      }),
    );
    expect(receipt.verified).toBe(true);
    expect(receipt.body).toMatchObject({ data: { sakId: id, lukketGrunn: 'annet', href: `/api/saker/${id}` } });
    expect(JSON.stringify(receipt.body)).not.toContain('Ola');
  });

  it('keeps the events append-only', async () => {
    const id = await newCase();
    expect((await post(`/api/saker/${id}/varsel`, { kanal: 'sms' })).status).toBe(201);
    await expect(sql`UPDATE sak_hendelser SET actor = 'x' WHERE sak_id = ${id}`.execute(system.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM sak_hendelser WHERE sak_id = ${id}`.execute(system.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE sak_hendelser`.execute(system.db)).rejects.toThrow(/append-only/);
  });
});

describe('the case list: filters and paging over the database', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let service: CaseWorkService;

  /** `n` cases straight into the table (no lookup): status, deadline, notice and closing as given. */
  const insert = async (
    n: number,
    values: { status: string; kjennemerke: string; fristPassert?: boolean; varslet?: boolean; lukket?: boolean },
    offset: number,
  ) => {
    for (let i = 0; i < n; i++) {
      await sql`INSERT INTO saker (id, status, kilde, kjennemerke, observert_tidspunkt, sted, varsel_frist,
          varsel_sendt, varsel_kanal, lukket, lukket_grunn, opprettet)
        VALUES (${randomUUID()}, ${values.status}, 'test:seed', ${values.kjennemerke}, now(), '{"lat":59.9,"lon":10.7}',
          ${values.fristPassert === undefined ? null : values.fristPassert ? sql`now() - interval '1 day'` : sql`now() + interval '1 day'`},
          ${values.varslet ? sql`now()` : null}, ${values.varslet ? 'brev' : null},
          ${values.lukket ? sql`now()` : null}, ${values.lukket ? 'feilregistrert' : null},
          now() - make_interval(mins => ${offset + i}))`.execute(system.db);
    }
  };

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator);
    service = system.app.get(CaseWorkService);
    await insert(60, { status: 'EIER_FUNNET', kjennemerke: 'EK10001', fristPassert: true }, 0);
    await insert(15, { status: 'EIER_FUNNET', kjennemerke: 'EK10002', fristPassert: true, varslet: true }, 100);
    await insert(8, { status: 'EIER_FUNNET', kjennemerke: 'EK10003', fristPassert: false }, 200);
    await insert(10, { status: 'IKKE_FUNNET', kjennemerke: 'EK10004', lukket: true }, 300);
    await insert(5, { status: 'SKJERMET', kjennemerke: 'AB12345' }, 400);
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  const count = async (filter: Parameters<CaseWorkService['list']>[0], side = 1) => {
    const page = await service.list(filter, side);
    return { total: page.total, rows: page.saker.length, sider: page.sider };
  };

  it('counts and pages by 50, newest first', async () => {
    expect(await count({ apen: 'alle', fristPassert: false })).toEqual({ total: 98, rows: 50, sider: 2 });
    expect(await count({ apen: 'alle', fristPassert: false }, 2)).toEqual({ total: 98, rows: 48, sider: 2 });
    expect(await count({ apen: 'alle', fristPassert: false }, 3)).toEqual({ total: 98, rows: 0, sider: 2 });
    const [first, second] = [
      await service.list({ apen: 'alle', fristPassert: false }, 1),
      await service.list({ apen: 'alle', fristPassert: false }, 2),
    ];
    const times = [...first.saker, ...second.saker].map((sak) => Date.parse(sak.opprettet));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set([...first.saker, ...second.saker].map((sak) => sak.id)).size).toBe(98);
  });

  it('filters open and closed cases, lookup status, deadline passed without notice, and plate', async () => {
    expect(await count({ apen: 'apne', fristPassert: false })).toMatchObject({ total: 88 });
    expect(await count({ apen: 'lukkede', fristPassert: false })).toMatchObject({ total: 10 });
    expect(await count({ apen: 'alle', fristPassert: true })).toEqual({ total: 60, rows: 50, sider: 2 });
    expect(await count({ apen: 'alle', fristPassert: true }, 2)).toEqual({ total: 60, rows: 10, sider: 2 });
    expect(await count({ apen: 'alle', fristPassert: false, status: 'IKKE_FUNNET' })).toMatchObject({ total: 10 });
    expect(await count({ apen: 'apne', fristPassert: false, status: 'IKKE_FUNNET' })).toMatchObject({ total: 0 });
    expect(await count({ apen: 'apne', fristPassert: false, status: 'EIER_FUNNET' })).toMatchObject({ total: 83 });
    expect(await count({ apen: 'alle', fristPassert: false, kjennemerke: 'AB12345' })).toEqual({
      total: 5,
      rows: 5,
      sider: 1,
    });
    expect(await count({ apen: 'alle', fristPassert: true, kjennemerke: 'AB12345' })).toMatchObject({ total: 0 });
  });
});
