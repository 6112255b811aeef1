import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { runSearch, treffOf } from '../../support/run-search';

describe('Search by Kundeid', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());

  it("finds a customer's vehicles, in the chosen output mode", async () => {
    // HELGE KROKEN's kundeId.
    const [out] = await runSearch(simulator, 'kundeid', [{ kundeid: '124000639', returnAll: true, output: 'full' }]);
    expect(out.json['status']).toBe('found');
    expect(treffOf(out)[0]).toMatchObject({ status: 'found', kjoretoy: { kjoretoyId: { kjennemerke: 'CU 10942' } } });
    expect(JSON.stringify(out)).not.toContain('fodselsnummer');
  });
});
