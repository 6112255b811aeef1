import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { runSearch, treffOf } from '../../support/run-search';
import { SOK_ROUTE, routeCounts } from '../../support/simulator-credential';

describe('Search by Kjennemerke', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  it('finds plates by ? wildcard, one output item per search with the hits in treff', async () => {
    const out = await runSearch(simulator, 'kjennemerke', [
      { kjennemerke: 'CU1094?', returnAll: false, limit: 10 },
      { kjennemerke: 'XX99999', returnAll: false, limit: 10 },
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ pairedItem: { item: 0 }, json: { status: 'found' } });
    expect(treffOf(out[0]).map((hit) => hit['kjennemerke'])).toContain('CU 10942');
    expect(treffOf(out[0]).every((hit) => hit['status'] === 'found')).toBe(true);
    expect(out[1]).toMatchObject({ pairedItem: { item: 1 }, json: { status: 'not_found', antallTreff: 0, treff: [] } });
  });

  it('leaves out scrapped and exported vehicles when asked', async () => {
    const [all, kept] = await runSearch(simulator, 'kjennemerke', [
      { kjennemerke: 'ST1000?', returnAll: true },
      { kjennemerke: 'ST1000?', returnAll: true, ekskluderVraketUtfort: true },
    ]);
    const plates = (item: typeof all) => treffOf(item).map((hit) => hit['kjennemerke']);
    expect(plates(all)).toEqual(expect.arrayContaining(['ST 10004', 'ST 10005']));
    expect(plates(kept)).not.toContain('ST 10004');
    expect(plates(kept)).not.toContain('ST 10005');
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({ '200': 2 });
  });
});
