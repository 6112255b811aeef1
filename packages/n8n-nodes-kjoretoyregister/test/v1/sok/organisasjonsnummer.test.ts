import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { runSearch, treffOf } from '../../support/run-search';
import { SOK_ROUTE, routeCounts } from '../../support/simulator-credential';

describe('Search by Organisasjonsnummer', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  it("finds a leased company car by the lessee's number", async () => {
    const [out] = await runSearch(simulator, 'organisasjonsnummer', [{ organisasjonsnummer: '991000003', limit: 10 }]);
    expect(treffOf(out).map((hit) => hit['kjennemerke'])).toEqual(['ST 10007']);
  });

  it('Return All pages with fra/antall until antallTreffTotalt; Limit takes one page', async () => {
    const [limited] = await runSearch(simulator, 'organisasjonsnummer', [
      { organisasjonsnummer: '992000007', returnAll: false, limit: 10 },
    ]);
    const total = limited.json['antallTreffTotalt'] as number;
    expect(limited.json['antallTreff']).toBe(10);
    expect(total).toBeGreaterThan(50);
    expect(routeCounts(simulator, SOK_ROUTE('organisasjonsnummer'))).toEqual({ '200': 1 });

    simulator.reset();
    const [all] = await runSearch(simulator, 'organisasjonsnummer', [
      { organisasjonsnummer: '992000007', returnAll: true },
    ]);
    expect(all.json['antallTreff']).toBe(total);
    // Core's page size is 50 (docs/contract.md#s7g).
    expect(routeCounts(simulator, SOK_ROUTE('organisasjonsnummer'))).toEqual({ '200': Math.ceil(total / 50) });
  });
});
