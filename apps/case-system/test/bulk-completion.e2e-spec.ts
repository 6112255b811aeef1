import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import { BulkLookupsRepository } from '../src/persistence/bulk-lookups.repository.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';

/**
 * Two batches of one bulk lookup that finish at the same moment, on two connections: the last one
 * to commit must end the bulk lookup. (On PGlite there is one connection, so the two are serial.)
 */
describe('completing the last batches of a bulk lookup together', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let bulks: BulkLookupsRepository;
  let userId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, { env: { WORKER_ENABLED: 'false' } });
    await system.createUser('saksbehandler', 'kari.nordmann');
    userId = (await sql<{ id: string }>`SELECT id FROM api_users LIMIT 1`.execute(system.db)).rows[0]?.id ?? '';
    bulks = system.app.get(BulkLookupsRepository);
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  it('ends the bulk lookup (DONE) every time two batches complete its last items concurrently', async () => {
    const statuses: string[] = [];
    for (let round = 0; round < 15; round++) {
      const id = await bulks.create({
        createdBy: userId,
        actor: 'bruker:kari.nordmann',
        purpose: 'HENSATT_KJORETOY',
        legalBasis: 'test',
        kind: 'kjennemerke',
        includeFodselsnummer: false,
        items: Array.from({ length: 60 }, (_, n) => ({ line: n + 1, value: `XY${10000 + n}` })),
      });
      const first = await bulks.claim('worker-a', 30, 60_000);
      const second = await bulks.claim('worker-b', 30, 60_000);
      expect([first.length, second.length]).toEqual([30, 30]);
      const notFound = (items: typeof first) =>
        items.map((item) => ({ line: item.line, result: 'not_found' as const }));
      await Promise.all([
        bulks.complete(id, 'worker-a', notFound(first)),
        bulks.complete(id, 'worker-b', notFound(second)),
      ]);
      statuses.push((await bulks.find(id))?.status ?? 'missing');
    }
    expect(statuses).toEqual(statuses.map(() => 'DONE'));
  });
});
