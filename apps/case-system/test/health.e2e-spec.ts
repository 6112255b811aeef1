import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';

type Ready = {
  status: string;
  info?: Record<string, Record<string, unknown>>;
  error?: Record<string, Record<string, unknown>>;
};

describe('health endpoints', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let apiKey: string;
  const tokenRequests = () => simulator.stats().tokenRequests.ok + simulator.stats().tokenRequests.failed;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    // The worker is off: every token request in these tests comes from a health check.
    system = await startTestCaseSystem(simulator, {
      env: { WORKER_ENABLED: 'false', HEALTH_REGISTER_CACHE_MS: '60000' },
    });
    apiKey = await system.createUser('saksbehandler');
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  it('answers 21 anonymous liveness calls with Maskinporten down without one token request', async () => {
    simulator.setFaults({ tokenEndpointDown: true });
    const before = tokenRequests();
    for (let call = 0; call < 21; call++) {
      const response = await fetch(`${system.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
    expect(tokenRequests() - before).toBe(0);
  });

  it('refuses readiness without an API key, before it asks anything', async () => {
    const before = tokenRequests();
    const response = await fetch(`${system.url}/health/ready`);
    expect(response.status).toBe(401);
    expect(tokenRequests() - before).toBe(0);
  });

  it('reports Maskinporten down on readiness by step and code, without internal text, and caches the check', async () => {
    simulator.setFaults({ tokenEndpointDown: true });
    const before = tokenRequests();
    const ready = () => fetch(`${system.url}/health/ready`, { headers: { authorization: `Bearer ${apiKey}` } });
    const first = await ready();
    expect(first.status).toBe(503);
    const body = (await first.json()) as Ready;
    expect(body.status).toBe('error');
    expect(body.info?.['database']).toMatchObject({ status: 'up' });
    expect(body.error?.['kjoretoyregister']).toMatchObject({
      status: 'down',
      failed: 'maskinporten-token',
      code: expect.any(String),
    });
    expect(body.error?.['kjoretoyregister']).not.toHaveProperty('message');
    const spent = tokenRequests() - before;
    expect(spent).toBeGreaterThan(0);

    // Within HEALTH_REGISTER_CACHE_MS: the same answer, no new token request, even once Maskinporten is back.
    simulator.setFaults({});
    for (let call = 0; call < 5; call++) expect((await ready()).status).toBe(503);
    expect(tokenRequests() - before).toBe(spent);
  });
});

describe('readiness with key material that cannot be read', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem | undefined;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  it('never shows the file error in an answer', async () => {
    try {
      system = await startTestCaseSystem(simulator, {
        env: { WORKER_ENABLED: 'false', MASKINPORTEN_P12: '/nonexistent/virksomhet.p12' },
      });
    } catch (error) {
      // A boot that refuses the missing file is also fine; it must name the variable, not the cause's text.
      expect(String(error)).toContain('MASKINPORTEN_P12');
      return;
    }
    const apiKey = await system.createUser('saksbehandler');
    const answers = [
      await (await fetch(`${system.url}/health`)).text(),
      await (await fetch(`${system.url}/health/ready`)).text(),
      await (await fetch(`${system.url}/health/ready`, { headers: { authorization: `Bearer ${apiKey}` } })).text(),
    ];
    for (const text of answers) {
      expect(text).not.toMatch(/pkcs12|ENOENT|nonexistent/i);
    }
    expect(JSON.parse(answers[2] ?? '{}')).toMatchObject({ status: 'error' });
  });
});
