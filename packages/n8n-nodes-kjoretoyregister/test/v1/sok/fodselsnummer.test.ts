import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { runSearch, treffOf } from '../../support/run-search';

describe('Search by Fødselsnummer', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());

  it("finds a person's vehicles and outputs no fødselsnummer by default", async () => {
    // MAGNUS PRØVESEN (synthetic series), owner of ST 10001 since the sale.
    const [out] = await runSearch(simulator, 'fodselsnummer', [
      { fodselsnummer: '02919090181', returnAll: true, output: 'eierForVarsel' },
    ]);
    expect(out.json['status']).toBe('found');
    expect(treffOf(out).map((hit) => hit['kjennemerke'])).toContain('ST 10001');
    expect(JSON.stringify(out)).not.toMatch(/\d{11}/);
  });

  it('rejects a fødselsnummer that is not 11 digits as an invalid item, not sent', async () => {
    const [out] = await runSearch(simulator, 'fodselsnummer', [{ fodselsnummer: '1234', returnAll: true }], true);
    expect(out.json).toMatchObject({ status: 'invalid', code: 'KJR_VALIDATION' });
    expect(out.json['error']).not.toContain('1234');
  });
});
