import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { observasjon, postSigned } from './support/webhooks.js';

// A full lookup worker used to sleep out its whole poll interval after each batch, so it drained
// at most `concurrency / interval` jobs per second (4/s with the defaults) however fast the
// register answered. The interval here is far longer than the test may take: only a worker that
// claims again when a slot frees up can finish the backlog.
describe('the lookup worker with a backlog', () => {
  let simulator: RunningSimulator;
  let database: TestDatabase;
  let system: TestCaseSystem | undefined;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await system?.stop();
    await database?.drop();
    await simulator?.stop();
  });

  it('claims the next job as soon as one finishes instead of waiting for the next poll', async () => {
    // The cases arrive while no worker runs, so the first poll meets the whole backlog.
    const intake = await startTestCaseSystem(simulator, { database, env: { WORKER_ENABLED: 'false' } });
    const ids: string[] = [];
    for (const kjennemerke of ['ST10001', 'CU10942', 'ST10002', 'ST10003']) {
      const response = await postSigned(
        intake.url,
        intake.secret,
        observasjon({ kjennemerke, observertTidspunkt: '2024-04-01T10:00:00+02:00' }),
      );
      expect(response.status).toBe(202);
      ids.push(((await response.json()) as { id: string }).id);
    }
    await intake.stop();

    system = await startTestCaseSystem(simulator, {
      database,
      env: { WORKER_CONCURRENCY: '1', WORKER_POLL_INTERVAL_MS: String(10 * 60_000) },
    });
    const apiKey = await system.createUser('saksbehandler');
    for (const id of ids) {
      const sak = await system.waitForSak(id, apiKey, (s) => s.status !== 'MOTTATT', 20_000);
      expect(sak.oppslag).toMatchObject({ status: 'DONE' });
    }
  });
});
