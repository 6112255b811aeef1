import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { runSearch, treffOf } from '../../support/run-search';

describe('Search by Understellsnummer', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());

  it('finds VINs by * prefix, narrowed by merkekode', async () => {
    const [any, tesla] = await runSearch(simulator, 'understellsnummer', [
      { understellsnummer: 'TESTDIGDIR*', returnAll: true },
      { understellsnummer: 'TESTDIGDIR*', merkekode: '0065', returnAll: true },
    ]);
    const vins = (item: typeof any) => treffOf(item).map((hit) => hit['understellsnummer']);
    expect(vins(any)).toEqual(expect.arrayContaining(['TESTDIGDIR0000016', 'TESTDIGDIR0000015']));
    expect(vins(tesla)).toEqual(['TESTDIGDIR0000015']);
  });
});
