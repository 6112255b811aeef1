import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { observasjon, postSigned } from './support/webhooks.js';

describe('user administration, caching and cross-origin rules', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, { env: { WORKER_ENABLED: 'false' } });
    admin = await system.createUser('admin', 'ola.admin');
    adminId = (
      await system.db.selectFrom('api_users').select('id').where('name', '=', 'ola.admin').executeTakeFirstOrThrow()
    ).id;
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
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const newUser = async (navn: string) =>
    (await (
      await call('/api/brukere', { key: admin, method: 'POST', body: JSON.stringify({ navn, rolle: 'saksbehandler' }) })
    ).json()) as { id: string; apiKey: string };
  const login = async (apiKey: string) => {
    const response = await call('/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ apiKey }).toString(),
    });
    expect(response.status).toBe(303);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const page = (cookie: string) => call('/saker', { redirect: 'manual', headers: { cookie } });

  it('marks every API answer with personal data Cache-Control: no-store', async () => {
    const response = await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'ST10001' }));
    const { id } = (await response.json()) as { id: string };
    for (const path of [
      '/api/saker',
      `/api/saker/${id}`,
      `/api/saker/${id}/logg`,
      '/api/innsyn?kjennemerke=ST10001',
      '/api/brukere',
      `/api/brukere/${adminId}/logg`,
    ]) {
      const answer = await call(path, { key: admin });
      expect([path, answer.status]).toEqual([path, 200]);
      expect([path, answer.headers.get('cache-control')]).toEqual([path, 'no-store']);
    }
    const created = await call('/api/brukere', {
      key: admin,
      method: 'POST',
      body: JSON.stringify({ navn: 'per.cache', rolle: 'saksbehandler' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect((await call('/api/saker')).headers.get('cache-control')).toBe('no-store');
  });

  it('serves /docs with a Content-Security-Policy and frame protection', async () => {
    for (const path of ['/docs', '/docs/swagger-ui-init.js', '/docs-json']) {
      const response = await call(path);
      expect([path, response.status]).toEqual([path, 200]);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('disables a user: its key and web session stop working at once, audited with the admin as actor', async () => {
    const user = await newUser('kari.deaktiver');
    const cookie = await login(user.apiKey);
    expect((await page(cookie)).status).toBe(200);
    expect((await call('/api/saker', { key: user.apiKey })).status).toBe(200);

    const disabled = await call(`/api/brukere/${user.id}/deaktiver`, { key: admin, method: 'POST' });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({
      id: user.id,
      navn: 'kari.deaktiver',
      deaktivert: expect.any(String),
    });
    expect((await call('/api/saker', { key: user.apiKey })).status).toBe(401);
    expect((await page(cookie)).headers.get('location')).toBe('/login');

    // Again: the same answer, and no second event.
    expect((await call(`/api/brukere/${user.id}/deaktiver`, { key: admin, method: 'POST' })).status).toBe(200);
    const logg = await (await call(`/api/brukere/${user.id}/logg`, { key: admin })).json();
    expect(logg).toEqual([
      { tidspunkt: expect.any(String), actor: 'bruker:ola.admin', hendelse: 'created' },
      { tidspunkt: expect.any(String), actor: 'bruker:ola.admin', hendelse: 'disabled' },
    ]);
    // The disabled user gets no new key.
    expect((await call(`/api/brukere/${user.id}/ny-nokkel`, { key: admin, method: 'POST' })).status).toBe(409);
  });

  it('rotates a key: the old key stops working at once and the new one is shown once', async () => {
    const user = await newUser('per.rotasjon');
    const cookie = await login(user.apiKey);
    const rotated = await call(`/api/brukere/${user.id}/ny-nokkel`, { key: admin, method: 'POST' });
    expect(rotated.status).toBe(200);
    const { apiKey } = (await rotated.json()) as { apiKey: string };
    expect(apiKey).toMatch(/^csk_[0-9a-f]{16}_/);
    expect(apiKey).not.toBe(user.apiKey);
    expect((await call('/api/saker', { key: user.apiKey })).status).toBe(401);
    expect((await call('/api/saker', { key: apiKey })).status).toBe(200);
    // The session opened with the old key ends with it.
    expect((await page(cookie)).headers.get('location')).toBe('/login');
    // Shown once: the list and the log never carry a key or its hash.
    const listed = await (await call('/api/brukere', { key: admin })).text();
    expect(listed).toContain('per.rotasjon');
    expect(listed).not.toContain(apiKey.split('_').slice(2).join('_'));
    expect(listed).not.toMatch(/key|hash|apiKey/i);
    const events = await system.db.selectFrom('user_events').selectAll().where('user_id', '=', user.id).execute();
    expect(events.map((e) => [e.actor, e.action])).toEqual([
      ['bruker:ola.admin', 'created'],
      ['bruker:ola.admin', 'key_rotated'],
    ]);
  });

  it('refuses to disable the caller itself, an unknown user, and a non-admin caller', async () => {
    expect((await call(`/api/brukere/${adminId}/deaktiver`, { key: admin, method: 'POST' })).status).toBe(409);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call(`/api/brukere/${unknown}/deaktiver`, { key: admin, method: 'POST' })).status).toBe(404);
    expect((await call(`/api/brukere/${unknown}/ny-nokkel`, { key: admin, method: 'POST' })).status).toBe(404);
    const worker = await newUser('siv.vanlig');
    expect((await call(`/api/brukere/${adminId}/ny-nokkel`, { key: worker.apiKey, method: 'POST' })).status).toBe(403);
    expect((await call('/api/saker', { key: admin })).status).toBe(200);
  });

  it('keeps user events append-only', async () => {
    await expect(sql`update user_events set actor = 'someone else'`.execute(system.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from user_events`.execute(system.db)).rejects.toThrow(/append-only/);
  });

  it('refuses a state-changing request from another origin with 403, and lets same-origin and API clients through', async () => {
    const user = await newUser('eva.origin');
    const form = (headers: Record<string, string>) =>
      call('/login', {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ apiKey: user.apiKey }).toString(),
      });
    const crossOrigin: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:1' },
    ];
    for (const headers of crossOrigin) {
      const refused = await form(headers);
      expect([headers, refused.status]).toEqual([headers, 403]);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect(await refused.json()).toMatchObject({
        statusCode: 403,
        message: 'Cross-origin request refused',
        problems: [{ path: expect.stringMatching(/^headers\.(origin|sec-fetch-site)$/) }],
      });
    }
    const cookie = await login(user.apiKey);
    const logout = await call('/logout', {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(logout.status).toBe(403);
    expect((await page(cookie)).status).toBe(200);

    // Same origin, by Sec-Fetch-Site or by Origin, and clients that send neither.
    expect((await form({ 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await form({ origin: system.url })).status).toBe(303);
    expect((await form({})).status).toBe(303);
    expect(
      (
        await call(`/api/saker/${'0'.repeat(8)}-0000-4000-8000-000000000000/oppslag`, {
          key: user.apiKey,
          method: 'POST',
        })
      ).status,
    ).toBe(404);
    expect((await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'ST10002' }))).status).toBe(202);
  });
});
