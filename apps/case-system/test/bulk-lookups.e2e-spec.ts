import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { BulkProgress } from '../src/web/views/bulk-lookup-status.page.js';
import { FAST_ENV, startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { createUserWithCli, spawnCaseSystem, type ChildCaseSystem } from './support/child-app.js';
import { BULK_KJENNEMERKE_ROUTE } from './support/simulator-stats.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { waitFor } from './support/wait.js';
import { newWebhookSecret } from './support/webhooks.js';

const LEGAL_BASIS = 'vegtrafikkloven § 37 / parkeringsforskriften § 38';

/** A browser-like session on the app: log in with the API key, then send forms with the cookie. */
async function login(url: string, apiKey: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ apiKey }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

interface Upload {
  csv?: string;
  linjer?: string;
  type?: string;
  formal?: string;
}

async function upload(url: string, cookie: string, input: Upload): Promise<Response> {
  const form = new FormData();
  form.set('formal', input.formal ?? 'HENSATT_KJORETOY');
  form.set('hjemmel', LEGAL_BASIS);
  form.set('type', input.type ?? 'kjennemerke');
  form.set('linjer', input.linjer ?? '');
  if (input.csv !== undefined) form.set('fil', new Blob([input.csv], { type: 'text/csv' }), 'liste.csv');
  return fetch(`${url}/masseoppslag`, { method: 'POST', headers: { cookie }, body: form, redirect: 'manual' });
}

async function started(url: string, cookie: string, input: Upload): Promise<string> {
  const response = await upload(url, cookie, input);
  if (response.status !== 303) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  const id = /^\/masseoppslag\/([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error('no bulk lookup id in the redirect');
  return id;
}

async function progress(url: string, cookie: string, id: string): Promise<BulkProgress> {
  const response = await fetch(`${url}/masseoppslag/${id}/status`, { headers: { cookie } });
  if (!response.ok) throw new Error(`status answered ${response.status}`);
  return (await response.json()) as BulkProgress;
}

function finished(url: string, cookie: string, id: string, timeoutMs = 90_000): Promise<BulkProgress> {
  return waitFor(
    'the bulk lookup to end',
    async () => {
      const p = await progress(url, cookie, id);
      return p.finished ? p : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** The result file's rows, BOM and header checked, split on `;` (no field in these tests holds one). */
async function resultRows(url: string, cookie: string, id: string): Promise<string[][]> {
  const response = await fetch(`${url}/masseoppslag/${id}/resultat.csv`, { headers: { cookie } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  return text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
}

/** 2 000 lines: three story vehicles, the rest plates the register does not know; each with a dtg. */
function plates(count: number): string[] {
  return Array.from({ length: count }, (_, n) =>
    n === 0 ? 'ST10001' : n === 1 ? 'ST10002' : n === 2 ? 'CU10942' : `XY${10000 + n}`,
  );
}

describe('bulk lookups ("Masseoppslag") over HTTP', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
  });
  afterAll(async () => {
    await simulator?.stop();
  });

  describe('in one app', () => {
    let system: TestCaseSystem;
    let cookie: string;
    let otherCookie: string;
    let adminCookie: string;

    beforeAll(async () => {
      system = await startTestCaseSystem(simulator, {
        captureLogs: true,
        env: { WEB_LOOKUP_FODSELSNUMMER_ROLES: 'admin' },
      });
      cookie = await login(system.url, await system.createUser('saksbehandler', 'kari.nordmann'));
      otherCookie = await login(system.url, await system.createUser('saksbehandler', 'ola.annen'));
      adminCookie = await login(system.url, await system.createUser('admin', 'anne.admin'));
    });
    beforeEach(() => simulator.reset());
    afterAll(async () => {
      await system?.stop();
    });

    const bulkRequests = () =>
      simulator.servedRequests().requests.filter((request) => request.route === BULK_KJENNEMERKE_ROUTE);

    it('looks a 2 000-line CSV up in ceil(2000/WORKER_BATCH_SIZE) = 20 register requests, every item audited', async () => {
      const list = plates(2000);
      const csv = [
        'kjennemerke;tidspunkt',
        ...list.map((plate, n) => (n === 0 ? `${plate};01.03.2024 10:00` : `${plate};2024-06-01T12:00:00+02:00`)),
      ].join('\r\n');
      const id = await started(system.url, cookie, { csv });
      const done = await finished(system.url, cookie, id);
      expect(done).toMatchObject({ status: 'DONE', total: 2000, done: 2000, found: 2, shielded: 1, notFound: 1997 });

      expect(bulkRequests()).toHaveLength(Math.ceil(2000 / system.config.lookup.worker.batchSize));
      expect(bulkRequests().every((request) => request.status === 200)).toBe(true);
      expect(bulkRequests().reduce((sum, request) => sum + request.itemsLookedUp, 0)).toBe(2000);

      // Every request was audited before it left, with the person, the purpose and the legal basis.
      const rows = (
        await sql<{
          actor: string;
          purpose: string;
          legal_basis: string;
          identifiers: string[];
          request_ids: string[];
        }>`SELECT actor, purpose, legal_basis, identifiers, request_ids FROM audit_log
            WHERE case_ref = ${`masseoppslag:${id}`}`.execute(system.db)
      ).rows;
      expect(new Set(rows.map((row) => `${row.actor}|${row.purpose}|${row.legal_basis}`))).toEqual(
        new Set([`bruker:kari.nordmann|HENSATT_KJORETOY|${LEGAL_BASIS}`]),
      );
      expect(rows.flatMap((row) => row.identifiers).sort()).toEqual([...list].sort());
      expect(new Set(rows.flatMap((row) => row.request_ids))).toEqual(
        new Set(bulkRequests().map((request) => request.requestId)),
      );

      const csvRows = await resultRows(system.url, cookie, id);
      expect(csvRows).toHaveLength(2001);
      expect(csvRows[0]).toEqual([
        'linje',
        'identifikator',
        'tidspunkt',
        'resultat',
        'kjennemerke',
        'understellsnummer',
        'merke',
        'modell',
        'eier',
        'adresse',
        'postnummer',
        'poststed',
        'skjermet',
      ]);
      // Line 2 (after the header): the owner before the sale on 2024-03-15.
      expect(csvRows[1]).toEqual(
        expect.arrayContaining([
          '2',
          'ST10001',
          expect.stringMatching(/^2024-03-01T10:00:00(\.000)?\+01:00$/),
          'Funnet',
          'SIGRID TESTRUD',
        ]),
      );
      const shielded = csvRows[2] ?? [];
      expect(shielded.slice(0, 4)).toEqual(['3', 'ST10002', '2024-06-01T12:00:00.000+02:00', 'Skjermet']);
      expect(shielded[8]).toBe('Skjermet');
      expect(shielded.join(';')).not.toMatch(/ASTRID|SKJERMVIK/);
      expect(csvRows[4]?.slice(1, 4)).toEqual(['XY10003', '2024-06-01T12:00:00.000+02:00', 'Ikke funnet']);
      // No identifier or owner name reached the log.
      expect(system.logs.join('\n')).not.toMatch(/ST10001|XY10003|SIGRID|TESTRUD|SKJERMVIK/);
    });

    it('looks kuids up as one bulk request and VINs one GET each, each audited for the bulk lookup', async () => {
      const kuid = await started(system.url, cookie, { type: 'kuid', linjer: '3378300001\n3378300002\n3378399999' });
      expect(await finished(system.url, cookie, kuid)).toMatchObject({ found: 1, shielded: 1, notFound: 1 });
      const vin = await started(system.url, cookie, {
        type: 'understellsnummer',
        linjer: 'WVGZZZE2ZMPS00001;2024-03-01 10:00\nYV1XZK9V1M2S00002\nNOSUCHVIN00000001',
      });
      expect(await finished(system.url, cookie, vin)).toMatchObject({ found: 1, shielded: 1, notFound: 1 });
      const routes = simulator.servedRequests().requests.map((request) => request.route);
      expect(routes.filter((route) => route.endsWith('/bulk/kuid'))).toHaveLength(1);
      expect(routes.filter((route) => route.endsWith('/bulk/understellsnummer/{understellsnummer}'))).toHaveLength(3);
      const vinRows = await resultRows(system.url, cookie, vin);
      expect(vinRows[1]?.slice(0, 4)).toEqual(['1', 'WVGZZZE2ZMPS00001', '2024-03-01T10:00:00.000+01:00', 'Funnet']);
      expect(vinRows[1]?.[8]).toBe('SIGRID TESTRUD');
      const audited = (
        await sql<{ operation: string; n: string }>`SELECT operation, count(*) AS n FROM audit_log
          WHERE case_ref IN (${`masseoppslag:${kuid}`}, ${`masseoppslag:${vin}`}) AND actor = 'bruker:kari.nordmann'
          GROUP BY operation ORDER BY operation`.execute(system.db)
      ).rows.map((row) => [row.operation, Number(row.n)]);
      expect(audited).toEqual([
        ['bulk/kuid', 1],
        ['bulk/understellsnummer', 3],
      ]);
    });

    it('keeps going through a failed register request: the batch is retried, every line gets its answer', async () => {
      simulator.setFaults({ serverError: { status: 503, times: 1 } });
      try {
        const id = await started(system.url, cookie, { linjer: plates(150).join('\n') });
        expect(await finished(system.url, cookie, id)).toMatchObject({
          status: 'DONE',
          done: 150,
          found: 2,
          shielded: 1,
          notFound: 147,
          failed: 0,
        });
        expect(simulator.stats().faults.serverError).toBe(1);
      } finally {
        simulator.setFaults({});
      }
    });

    it('adds the fødselsnummer column only for a role in WEB_LOOKUP_FODSELSNUMMER_ROLES', async () => {
      const id = await started(system.url, adminCookie, { linjer: 'ST10001\nST10002' });
      await finished(system.url, adminCookie, id);
      const rows = await resultRows(system.url, adminCookie, id);
      expect(rows[0]?.at(-1)).toBe('fødselsnummer');
      expect(rows[1]?.at(-1)).toBe('02919090181');
      // The shielded owner's row has neither name nor number.
      expect(rows[2]?.slice(8)).toEqual(['Skjermet', '', '', '', 'ja', '']);
      // The saksbehandler's own bulk lookups never had them: no column, even for an admin reading it.
      const theirs = await started(system.url, cookie, { linjer: 'ST10001' });
      await finished(system.url, cookie, theirs);
      expect((await resultRows(system.url, adminCookie, theirs))[0]).not.toContain('fødselsnummer');
    });

    it('lists every invalid line at once, and sends and stores nothing', async () => {
      const count = async () =>
        Number((await sql<{ n: string }>`SELECT count(*) AS n FROM bulk_lookups`.execute(system.db)).rows[0]?.n);
      const before = await count();
      const linjer = [
        'ST10001;2024-03-01 10:00',
        'ikke et kjennemerke!',
        'CU10942',
        'XY12345;i går',
        'XY12346;2024-03-31 02:30',
        'XY12347;2999-01-01 10:00',
        '"XY12348;2024-01-01 10:00',
        'XY12349;2024-01-01 10:00;ekstra',
      ].join('\n');
      const response = await upload(system.url, cookie, { linjer });
      expect(response.status).toBe(400);
      const page = await response.text();
      const problems = [...page.matchAll(/<li><a href="#linjer">(Linje \d+):/g)].map((match) => match[1]);
      expect(problems).toEqual(['Linje 2', 'Linje 4', 'Linje 5', 'Linje 6', 'Linje 7', 'Linje 8']);
      expect(page).toContain('sommertid');
      // The pasted text comes back for correcting.
      expect(page).toContain('XY12349;2024-01-01 10:00;ekstra');

      const many = Array.from({ length: 25 }, (_, n) => `bad-${n}!`).join('\n');
      const capped = await (await upload(system.url, cookie, { linjer: many })).text();
      expect([...capped.matchAll(/href="#linjer">Linje \d+:/g)]).toHaveLength(20);
      expect(capped).toContain('og 5 linjer til med feil (25 i alt)');

      const missing = await upload(system.url, cookie, { formal: '', linjer: '' });
      expect(missing.status).toBe(400);
      const missingPage = await missing.text();
      expect(missingPage).toContain('Velg formål');
      expect(missingPage).toContain('Last opp en CSV-fil eller lim inn linjene');

      expect(simulator.servedRequests().requests).toHaveLength(0);
      expect(await count()).toBe(before);
    });

    it('refuses more lines than BULK_LOOKUP_MAX_LINES with a form error, not a 5xx', async () => {
      const linjer = Array.from({ length: system.config.bulkLookup.maxLines + 1 }, (_, n) => `XY${10000 + n}`).join(
        '\n',
      );
      const response = await upload(system.url, cookie, { linjer });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(`høyst ${system.config.bulkLookup.maxLines} er tillatt`);
    });

    it("answers a file over BULK_LOOKUP_MAX_BYTES with the form and a message, not Nest's JSON error", async () => {
      const csv = 'XY10000\n'.repeat(Math.ceil((system.config.bulkLookup.maxBytes + 1) / 8));
      const response = await upload(system.url, cookie, { csv });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const page = await response.text();
      expect(page).toContain('<a href="#fil">Filen er for stor: høyst 1000 kB</a>');
      const pasted = await upload(system.url, cookie, { linjer: csv });
      expect(pasted.status).toBe(400);
      expect(await pasted.text()).toContain('<a href="#linjer">Teksten er for stor: høyst 1000 kB</a>');
    });

    it('shows, downloads and cancels a bulk lookup only for its creator or an admin; others get 404', async () => {
      const id = await started(system.url, cookie, { linjer: 'XY20001\nXY20002' });
      await finished(system.url, cookie, id);
      for (const path of [`/masseoppslag/${id}`, `/masseoppslag/${id}/status`, `/masseoppslag/${id}/resultat.csv`]) {
        expect((await fetch(`${system.url}${path}`, { headers: { cookie: otherCookie } })).status).toBe(404);
        expect((await fetch(`${system.url}${path}`, { headers: { cookie: adminCookie } })).status).toBe(200);
      }
      const cancel = await fetch(`${system.url}/masseoppslag/${id}/avbryt`, {
        method: 'POST',
        headers: { cookie: otherCookie },
        redirect: 'manual',
      });
      expect(cancel.status).toBe(404);
      const own = await (await fetch(`${system.url}/masseoppslag`, { headers: { cookie: otherCookie } })).text();
      expect(own).not.toContain(id);
      const mine = await (await fetch(`${system.url}/masseoppslag`, { headers: { cookie } })).text();
      expect(mine).toContain(`/masseoppslag/${id}`);
      // Without a session, the page sends the browser to the login.
      const anonymous = await fetch(`${system.url}/masseoppslag/${id}`, { redirect: 'manual' });
      expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/login']);
    });
  });

  it('cancel stops the pending items; the batch already sent finishes', async () => {
    const system = await startTestCaseSystem(simulator, {
      env: { WORKER_BATCH_SIZE: '10', WORKER_CONCURRENCY: '1' },
    });
    try {
      simulator.reset();
      const cookie = await login(system.url, await system.createUser('saksbehandler', 'kari.avbryter'));
      simulator.setFaults({ latency: { fixedMs: 150 } });
      const id = await started(system.url, cookie, { linjer: plates(300).join('\n') });
      await waitFor('a few batches to finish', async () => (await progress(system.url, cookie, id)).done >= 20);
      const cancel = await fetch(`${system.url}/masseoppslag/${id}/avbryt`, {
        method: 'POST',
        headers: { cookie },
        redirect: 'manual',
      });
      expect(cancel.status).toBe(303);
      // The batch in flight (leased) finishes; nothing else is claimed.
      const pendingItems = async () =>
        Number(
          (
            await sql<{ n: string }>`SELECT count(*) AS n FROM bulk_lookup_items
              WHERE bulk_id = ${id} AND status = 'PENDING'`.execute(system.db)
          ).rows[0]?.n,
        );
      await waitFor('the batch in flight to be recorded', async () => (await pendingItems()) === 0);
      const end = await progress(system.url, cookie, id);
      expect(end.status).toBe('CANCELLED');
      expect(end.done).toBeGreaterThanOrEqual(20);
      expect(end.done).toBeLessThan(300);
      expect(end.cancelled).toBe(300 - end.done);
      simulator.setFaults({});
      const served = simulator.servedRequests().requests.filter((r) => r.route === BULK_KJENNEMERKE_ROUTE);
      expect(served.reduce((sum, r) => sum + r.itemsLookedUp, 0)).toBe(end.done);
      const rows = await resultRows(system.url, cookie, id);
      expect(rows.filter((row) => row[3] === 'Avbrutt')).toHaveLength(end.cancelled);
    } finally {
      simulator.setFaults({});
      await system.stop();
    }
  });

  describe('killed and restarted in the middle of a run', () => {
    let database: TestDatabase;
    const children: ChildCaseSystem[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      for (const child of children) await child.stop();
      await database?.drop();
    });
    /** Child instances on one database with short leases, one batch of 25 at a time. */
    const childEnv = () => ({
      ...simulator.env,
      ...FAST_ENV,
      ...database.env,
      LOG_LEVEL: 'info',
      WEBHOOK_INBOUND_SOURCES: `feltapp=${newWebhookSecret()}`,
      WORKER_LEASE_MS: '1500',
      WORKER_BATCH_SIZE: '25',
      WORKER_CONCURRENCY: '1',
    });

    it('loses nothing: the new instance takes the items whose lease ran out and finishes every line', async () => {
      simulator.reset();
      const env = childEnv();
      const apiKey = await createUserWithCli(env, 'kari.krasj', 'saksbehandler');
      simulator.setFaults({ latency: { fixedMs: 200 } });
      const first = await spawnCaseSystem(env);
      children.push(first);
      const firstCookie = await login(first.url, apiKey);
      const id = await started(first.url, firstCookie, { linjer: plates(300).join('\n') });
      await waitFor('part of the list to be done', async () => (await progress(first.url, firstCookie, id)).done >= 50);
      await first.crash();
      const halfway = simulator.servedRequests().requests.length;
      expect(halfway).toBeLessThan(12);

      simulator.setFaults({});
      const second = await spawnCaseSystem(env);
      children.push(second);
      const cookie = await login(second.url, apiKey);
      const end = await finished(second.url, cookie, id);
      expect(end).toMatchObject({ status: 'DONE', total: 300, done: 300, found: 2, shielded: 1, notFound: 297 });
      const rows = await resultRows(second.url, cookie, id);
      expect(rows).toHaveLength(301);
      expect(rows.slice(1).map((row) => row[0])).toEqual(Array.from({ length: 300 }, (_, n) => String(n + 1)));
      expect(rows.slice(1).every((row) => ['Funnet', 'Ikke funnet', 'Skjermet'].includes(row[3] ?? ''))).toBe(true);
      expect(rows[1]?.[8]).toBe('MAGNUS PRØVESEN');
      // Every item was sent at least once; only the batch cut off by the kill was sent twice.
      const items = simulator
        .servedRequests()
        .requests.filter((r) => r.route === BULK_KJENNEMERKE_ROUTE)
        .reduce((sum, r) => sum + r.itemsLookedUp, 0);
      expect(items).toBeGreaterThanOrEqual(300);
      expect(items).toBeLessThanOrEqual(300 + 25);
    });

    it('ends every line of a bulk lookup cancelled mid-batch whose worker then died: the leased lines become Avbrutt', async () => {
      for (const child of children) await child.stop();
      simulator.reset();
      const env = childEnv();
      const apiKey = await createUserWithCli(env, 'kari.avbrutt', 'saksbehandler');
      // Long enough that the second batch is still in flight when the cancel and the kill come.
      simulator.setFaults({ latency: { fixedMs: 3_000 } });
      const first = await spawnCaseSystem(env);
      children.push(first);
      const firstCookie = await login(first.url, apiKey);
      const id = await started(first.url, firstCookie, { linjer: plates(300).join('\n') });
      await waitFor('the first batch to be done', async () => (await progress(first.url, firstCookie, id)).done >= 25, {
        timeoutMs: 30_000,
        intervalMs: 50,
      });
      const cancel = await fetch(`${first.url}/masseoppslag/${id}/avbryt`, {
        method: 'POST',
        headers: { cookie: firstCookie },
        redirect: 'manual',
      });
      expect(cancel.status).toBe(303);
      // The batch in flight is still PENDING ("Ikke ferdig"): the cancel has to leave it to its worker.
      const unfinished = (rows: string[][]) => rows.slice(1).filter((row) => row[3] === 'Ikke ferdig').length;
      expect(unfinished(await resultRows(first.url, firstCookie, id))).toBe(25);
      await first.crash();

      simulator.setFaults({});
      const second = await spawnCaseSystem(env);
      children.push(second);
      const cookie = await login(second.url, apiKey);

      const rows = await waitFor(
        'every line to be final',
        async () => {
          const current = await resultRows(second.url, cookie, id);
          return unfinished(current) === 0 ? current : undefined;
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      expect(rows).toHaveLength(301);
      expect(
        rows.slice(1).every((row) => ['Funnet', 'Ikke funnet', 'Skjermet', 'Avbrutt'].includes(row[3] ?? '')),
      ).toBe(true);
      const end = await progress(second.url, cookie, id);
      expect(end.status).toBe('CANCELLED');
      expect(end.done).toBeGreaterThanOrEqual(25);
      expect(end.done + end.cancelled).toBe(300);
      expect(rows.filter((row) => row[3] === 'Avbrutt')).toHaveLength(end.cancelled);
      // Nothing of the cancelled lookup was sent again by the new instance.
      expect(
        simulator.servedRequests().requests.filter((r) => r.route === BULK_KJENNEMERKE_ROUTE).length,
      ).toBeLessThanOrEqual(2);
    });
  });
});
