import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import type { Sak } from '../src/saker/domain/sak.js';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { waitFor } from './support/wait.js';
import { observasjon, postSigned } from './support/webhooks.js';

describe('HTTP API', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let saksbehandler: string;
  let admin: string;
  let sakId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator);
    saksbehandler = await system.createUser('saksbehandler', 'kari.saksbehandler');
    admin = await system.createUser('admin', 'ola.admin');
    const response = await postSigned(
      system.url,
      system.secret,
      observasjon({ kjennemerke: 'ST10001', observertTidspunkt: '2024-03-01T10:00:00+01:00' }),
    );
    sakId = ((await response.json()) as { id: string }).id;
    await system.waitForSak(sakId, saksbehandler);
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${system.url}${path}`, {
      ...init,
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  it('answers 401 without a key, with an unknown key and with a malformed key', async () => {
    const forged = saksbehandler.slice(0, -4) + (saksbehandler.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const statuses = await Promise.all(
      [
        call('/api/saker'),
        call('/api/saker', { key: forged }),
        call('/api/saker', { key: 'csk_not-a-key' }),
        call('/api/saker', { headers: { authorization: `Basic ${saksbehandler}` } }),
      ].map(async (r) => (await r).status),
    );
    expect(statuses).toEqual([401, 401, 401, 401]);
  });

  it('answers 403 when the role does not allow the route', async () => {
    expect((await call('/api/innsyn?kjennemerke=ST10001', { key: saksbehandler })).status).toBe(403);
    expect(
      (
        await call('/api/brukere', {
          key: saksbehandler,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"navn":"x1","rolle":"admin"}',
        })
      ).status,
    ).toBe(403);
    expect((await call('/api/saker', { key: saksbehandler })).status).toBe(200);
    expect((await call('/api/saker', { headers: { 'x-api-key': admin } })).status).toBe(200);
  });

  it('lists and shows cases, and 404s an unknown one', async () => {
    const list = (await (await call('/api/saker?status=EIER_FUNNET', { key: saksbehandler })).json()) as Sak[];
    expect(list.map((s) => s.id)).toContain(sakId);
    expect((await call('/api/saker?limit=0', { key: saksbehandler })).status).toBe(400);
    expect((await call('/api/saker/00000000-0000-4000-8000-000000000000', { key: saksbehandler })).status).toBe(404);
    expect((await call('/api/saker/not-a-uuid', { key: saksbehandler })).status).toBe(400);
  });

  it('re-runs a lookup on request, audited with the asking user as actor', async () => {
    const response = await call(`/api/saker/${sakId}/oppslag`, { key: saksbehandler, method: 'POST' });
    expect(response.status).toBe(202);
    const rows = await waitFor('the re-run to be audited', async () => {
      const logg = (await (await call(`/api/saker/${sakId}/logg`, { key: saksbehandler })).json()) as AuditLogEntry[];
      // The intent is listed (utfall "unknown") as soon as the request leaves; wait for its outcome.
      return logg.length === 2 && logg[1]?.utfall !== 'unknown' ? logg : undefined;
    });
    expect(rows.map((r) => r.actor)).toEqual(['webhook:feltapp', 'bruker:kari.saksbehandler']);
    expect(rows[1]).toMatchObject({
      caseRef: sakId,
      purpose: 'HENSATT_KJORETOY',
      dtg: ['2024-03-01T10:00:00.000+01:00'],
      utfall: 'found',
    });
    const sak = await system.waitForSak(sakId, saksbehandler, (s) => s.oppslag?.status === 'DONE');
    expect(sak.eier?.eier?.navn).toBe('SIGRID TESTRUD');
  });

  it('answers an access request with every lookup that touched the identifier (admin only)', async () => {
    const other = await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'CU10942' }));
    await system.waitForSak(((await other.json()) as { id: string }).id, admin);
    const response = await call('/api/innsyn?kjennemerke=st%2010001', { key: admin });
    expect(response.status).toBe(200);
    const rows = (await response.json()) as AuditLogEntry[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.identifiers.includes('ST10001') || r.caseRef === sakId)).toBe(true);
    expect((await call('/api/innsyn', { key: admin })).status).toBe(400);
  });

  it('lets an admin create users whose keys work at once', async () => {
    const response = await call('/api/brukere', {
      key: admin,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ navn: 'per.ny', rolle: 'saksbehandler' }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { navn: string; rolle: string; apiKey: string };
    expect(created).toMatchObject({ navn: 'per.ny', rolle: 'saksbehandler', apiKey: expect.stringMatching(/^csk_/) });
    expect((await call('/api/saker', { key: created.apiKey })).status).toBe(200);
    const stored = await system.db
      .selectFrom('api_users')
      .select(['key_hash'])
      .where('name', '=', 'per.ny')
      .executeTakeFirstOrThrow();
    // The secret is base64url and may itself contain '_': take everything after the key id.
    const secret = created.apiKey.split('_').slice(2).join('_');
    expect(secret).toHaveLength(43);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(secret);
    const duplicate = await call('/api/brukere', {
      key: admin,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ navn: 'per.ny', rolle: 'admin' }),
    });
    expect(duplicate.status).toBe(409);
  });

  it('serves liveness, readiness with database and Kjøretøyregister indicators, and the OpenAPI document', async () => {
    expect(await (await call('/health')).json()).toEqual({ status: 'ok' });
    const health = (await (await call('/health/ready', { key: admin })).json()) as {
      status: string;
      info: Record<string, { status: string }>;
    };
    expect(health.status).toBe('ok');
    expect(health.info['database']).toMatchObject({ status: 'up' });
    expect(health.info['kjoretoyregister']).toMatchObject({ status: 'up' });
    const openapi = (await (await call('/docs-json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/webhooks/observasjoner',
        '/api/saker',
        '/api/saker/{id}',
        '/api/saker/{id}/oppslag',
        '/api/saker/{id}/logg',
        '/api/innsyn',
        '/health',
        '/health/ready',
      ]),
    );
    expect((await call('/docs')).status).toBe(200);
  });
});
