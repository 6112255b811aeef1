import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { runSearch, treffOf } from '../../support/run-search';

describe('Search by Eiernavn', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());

  it('finds vehicles by owner name, and the party-type filter narrows to organisations', async () => {
    const [person, organisations] = await runSearch(simulator, 'eiernavn', [
      { navn: 'Helge Kroken', returnAll: true, filters: { erPerson: 'true' } },
      { navn: 'Helge Kroken', returnAll: true, filters: { erPerson: 'false' } },
    ]);
    expect(treffOf(person).map((hit) => hit['kjennemerke'])).toContain('CU 10942');
    expect(organisations.json).toMatchObject({ status: 'not_found', antallTreff: 0 });
  });

  it('passes the other filters through (a wrong postnummer finds nothing)', async () => {
    const [out] = await runSearch(simulator, 'eiernavn', [
      { navn: 'Helge Kroken', returnAll: true, filters: { postnummer: '9999', poststed: '', fylke: '' } },
    ]);
    expect(out.json['status']).toBe('not_found');
  });
});
