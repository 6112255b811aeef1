import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import type { Sak } from '../src/saker/domain/sak.js';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { bulkAnswers } from './support/simulator-stats.js';
import { waitFor } from './support/wait.js';
import { observasjon, postSigned } from './support/webhooks.js';

const MAX_ATTEMPTS = 5;

describe('failures during the lookup', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let apiKey: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, {
      env: { WORKER_MAX_ATTEMPTS: String(MAX_ATTEMPTS), WORKER_QUOTA_WAIT_CAP_MS: '150' },
    });
    apiKey = await system.createUser('saksbehandler');
  });
  afterEach(() => simulator.reset());
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  async function send(kjennemerke: string): Promise<string> {
    const response = await postSigned(
      system.url,
      system.secret,
      observasjon({ kjennemerke, observertTidspunkt: '2023-06-01T12:00:00+02:00' }),
    );
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }
  const logg = (id: string) => system.get<AuditLogEntry[]>(`/api/saker/${id}/logg`, apiKey);
  const sak = (id: string) => system.get<Sak>(`/api/saker/${id}`, apiKey);

  it('retries a burst of 503s with backoff until the lookup succeeds', async () => {
    simulator.setFaults({ serverError: { status: 503, times: 3 } });
    const id = await send('CU10942');
    const done = await system.waitForSak(id, apiKey);

    expect(done).toMatchObject({ status: 'EIER_FUNNET', oppslag: { status: 'DONE', forsok: 4 } });
    expect(bulkAnswers(simulator, 503)).toBe(3);
    expect(bulkAnswers(simulator, 200)).toBe(1);
    const rows = await logg(id);
    expect(rows.map((r) => r.utfall)).toEqual(['error', 'error', 'error', 'found']);
    for (const failed of rows.slice(0, 3)) {
      expect(failed).toMatchObject({ errorCode: 'KJR_UPSTREAM', svvguid: expect.any(String) });
    }
  });

  it('gives up with FEILET and the reason once the attempts are spent', async () => {
    simulator.setFaults({ serverError: { status: 503, times: MAX_ATTEMPTS } });
    const id = await send('EC80261');
    const failed = await system.waitForSak(id, apiKey);
    expect(failed.status).toBe('FEILET');
    expect(failed.feilarsak).toMatch(new RegExp(`^KJR_UPSTREAM: .*svvguid .*gave up after ${MAX_ATTEMPTS} attempts`));
    expect(failed.oppslag).toMatchObject({ status: 'FAILED', forsok: MAX_ATTEMPTS });
  });

  it('records a permanent error at once, without retrying', async () => {
    simulator.setFaults({ serverError: { status: 500, times: 1 } });
    const id = await send('CU10001');
    const failed = await system.waitForSak(id, apiKey);
    expect(failed).toMatchObject({
      status: 'FEILET',
      feilarsak: expect.stringMatching(/^KJR_UPSTREAM: /),
      oppslag: { forsok: 1 },
    });
    expect(bulkAnswers(simulator, 500)).toBe(1);
  });

  it('waits for the quota to reset instead of failing, then completes', async () => {
    simulator.setFaults({ quota: { dailyItems: 1 } });
    const first = await system.waitForSak(await send('CU11293'), apiKey);
    expect(first.status).toBe('EIER_FUNNET');

    const id = await send('CU10149');
    // More 422 answers than the worker has attempts: quota waits must not use attempts up.
    await waitFor('repeated quota refusals', () => bulkAnswers(simulator, 422) > MAX_ATTEMPTS, { timeoutMs: 20_000 });
    const waiting = await sak(id);
    expect(waiting.status).toBe('MOTTATT');
    expect(waiting.oppslag).toMatchObject({
      status: 'PENDING',
      sisteFeil: expect.stringMatching(/^KJR_QUOTA_EXCEEDED: /),
    });
    expect(waiting.oppslag?.forsok).toBeLessThanOrEqual(1);

    simulator.setFaults({}); // the quota resets (at Oslo midnight, in real life)
    const done = await system.waitForSak(id, apiKey);
    expect(done).toMatchObject({ status: 'EIER_FUNNET', eier: { eier: { navn: 'PER MINBILSEN' } } });
    expect((await logg(id)).at(-1)?.utfall).toBe('found');
  });
});
