import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { runSearch, treffOf } from '../../support/run-search';

describe('Search Kunde', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());

  it('finds customers by name, without fødselsnummer unless asked', async () => {
    const [hidden, shown] = await runSearch(simulator, 'kunde', [
      { eiertype: 'PERSON', criteria: { navn: 'Helge Kroken' } },
      { eiertype: 'PERSON', criteria: { navn: 'Helge Kroken' }, options: { includeFodselsnummer: true } },
    ]);
    expect(hidden.json['status']).toBe('found');
    expect(treffOf(hidden).length).toBeGreaterThan(0);
    expect(treffOf(hidden)[0]).toMatchObject({ personEnhet: { person: { etternavn: 'KROKEN' } } });
    expect(JSON.stringify(hidden)).not.toContain('fodselsnummer');
    expect(JSON.stringify(shown)).toContain('fodselsnummer');
  });

  it('reports a rule violation (navn with etternavn) as an invalid item', async () => {
    const [out] = await runSearch(
      simulator,
      'kunde',
      [{ eiertype: 'PERSON', criteria: { navn: 'Helge Kroken', etternavn: 'KROKEN', kjonn: 'M', fonetisk: true } }],
      true,
    );
    expect(out.json).toMatchObject({ status: 'invalid', code: 'KJR_VALIDATION' });
    expect(out.json['error']).not.toMatch(/Helge|KROKEN/);
  });
});
