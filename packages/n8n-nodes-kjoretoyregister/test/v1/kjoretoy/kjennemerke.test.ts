import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregister } from '../../../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';
import { createExecuteContext, itemsOf } from '../../support/fake-n8n';
import {
  BULK_ROUTE,
  credentialStore,
  routeCounts,
  simulatorCredential,
  total,
} from '../../support/simulator-credential';

const node = new FiksKjoretoyregister();
const FNR = /\b\d{11}\b/;

const STORY_PLATES = [
  'CU10942',
  'EC80261',
  'CU10001',
  'CU11306',
  'CU11293',
  'CU10149',
  ...Array.from({ length: 13 }, (_, i) => `ST100${String(i + 1).padStart(2, '0')}`),
  'TESLA1',
  'OLAN',
];

/** 250 inputs, 221 distinct after normalisation: story plates, spellings, unknown plates, repeats. */
function twoHundredFifty(): string[] {
  const unknown = Array.from({ length: 200 }, (_, i) => `XX${10000 + i}`);
  const spellings = ['cu10942', 'ec 80261', 'st-10005'];
  const repeats = Array.from({ length: 26 }, (_, i) => (i % 2 === 0 ? STORY_PLATES[i % 21] : unknown[i]));
  return [...STORY_PLATES, ...spellings, ...unknown, ...repeats];
}

describe('Look up by Kjennemerke', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  function run(plates: readonly string[], parameters: Record<string, unknown> = {}, continueOnFail = false) {
    const store = credentialStore(simulatorCredential(simulator));
    const fake = createExecuteContext({
      store,
      items: itemsOf(plates.map((plate) => ({ plate }))),
      parameters: (i) => ({ resource: 'kjoretoy', operation: 'kjennemerke', kjennemerke: plates[i], ...parameters }),
      continueOnFail,
    });
    return { store, fake, result: node.execute.call(fake.context) };
  }

  it('sends 250 items in ceil(221 distinct / 100) = 3 bulk requests with one token, one paired output per input', async () => {
    const plates = twoHundredFifty();
    const { result } = run(plates);
    const [out] = await result;

    expect(out).toHaveLength(250);
    out.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 3 });
    expect(simulator.stats().tokenRequests.ok).toBe(1);

    const byInput = (input: string) => out.find((item) => item.json['input'] === input)?.json as IDataObject;
    expect(byInput('cu10942')).toMatchObject({ status: 'found', kjennemerke: 'CU 10942', merke: 'MITSUBISHI' });
    expect(byInput('ec 80261')).toMatchObject({ status: 'found', kjennemerke: 'EC 80261' });
    expect(byInput('TESLA1')).toMatchObject({ status: 'found', kjennemerke: 'TESLA1' });
    expect(byInput('ST10008')).toMatchObject({ status: 'unavailable' });
    expect(byInput('XX10000')).toMatchObject({ status: 'not_found' });
    for (const item of out) expect(['found', 'not_found', 'unavailable']).toContain(item.json['status']);
    // Teknisk sammendrag carries no personal data.
    expect(JSON.stringify(out)).not.toMatch(FNR);
    expect(out.some((item) => 'eier' in item.json)).toBe(false);
  });

  it('honours Max Items per Request', async () => {
    const [out] = await run(STORY_PLATES, { options: { maxBulkSize: 5 } }).result;
    expect(out).toHaveLength(21);
    expect(total(routeCounts(simulator, BULK_ROUTE))).toBe(Math.ceil(21 / 5));
  });

  it('looks each item up at its own dtg (owner before and after a sale)', async () => {
    const dtgs = ['2024-03-01T12:00:00+01:00', '2024-04-01T12:00:00+02:00'];
    const store = credentialStore(simulatorCredential(simulator));
    const fake = createExecuteContext({
      store,
      items: itemsOf([{}, {}]),
      parameters: (i) => ({
        resource: 'kjoretoy',
        operation: 'kjennemerke',
        kjennemerke: 'ST10001',
        dtg: dtgs[i],
        output: 'eierForVarsel',
      }),
    });
    const [out] = await node.execute.call(fake.context);
    expect(out[0].json).toMatchObject({
      status: 'found',
      dtg: dtgs[0],
      eier: { navn: expect.stringContaining('SIGRID') },
    });
    expect(out[1].json).toMatchObject({ status: 'found', eier: { navn: expect.stringContaining('MAGNUS') } });
    expect(JSON.stringify(out)).not.toMatch(FNR);
    // Two dtgs of one plate are two lookups, but still one bulk request.
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 1 });
  });

  it('gives Eier for varsel without the address of a shielded owner, and fødselsnummer only when asked', async () => {
    const [hidden] = await run(['ST10002', 'CU10942'], { output: 'eierForVarsel' }).result;
    expect(hidden[0].json['eier']).toMatchObject({ skjermet: true });
    expect(hidden[0].json['eier']).not.toHaveProperty('adresse');
    expect(hidden[1].json['eier']).toHaveProperty('adresse');
    expect(JSON.stringify(hidden)).not.toMatch(FNR);

    const [shown] = await run(['CU10942'], { output: 'eierForVarsel', options: { includeFodselsnummer: true } }).result;
    expect((shown[0].json['eier'] as IDataObject)['fodselsnummer']).toMatch(/^\d{11}$/);
  });

  it('gives the full record without fødselsnummer unless asked', async () => {
    const [full] = await run(['CU10942'], { output: 'full' }).result;
    expect(full[0].json).toMatchObject({ status: 'found', kjoretoy: { kjoretoyId: { kjennemerke: 'CU 10942' } } });
    expect(JSON.stringify(full)).not.toContain('fodselsnummer');

    const [withFnr] = await run(['CU10942'], { output: 'full', options: { includeFodselsnummer: true } }).result;
    expect(JSON.stringify(withFnr)).toContain('fodselsnummer');
  });

  it('with continueOnFail, turns an invalid plate into an error item for that input only', async () => {
    const [out] = await run(['CU10942', 'not a plate!', 'XX99999'], {}, true).result;
    expect(out.map((item) => item.json['status'])).toEqual(['found', 'invalid', 'not_found']);
    expect(out[1]).toMatchObject({ pairedItem: { item: 1 }, json: { input: 'not a plate!', code: 'KJR_VALIDATION' } });
    expect(out[1].json['error']).toBe('Kjennemerke is not a valid plate');
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 1 });
  });

  it('without continueOnFail, throws a NodeOperationError for the invalid item, naming the field and not the value', async () => {
    const error: unknown = await run(['CU10942', 'XX99999', 'not a plate!'], {}).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context['itemIndex']).toBe(2);
    expect((error as Error).message).toBe('Kjennemerke is not a valid plate');
    expect((error as Error).message).not.toContain('not a plate');
  });

  it('a failed chunk fails only its own items (continueOnFail), and the POST is not repeated', async () => {
    simulator.setFaults({ serverError: { status: 503, times: 1 } });
    const plates = ['CU10942', 'EC80261', 'CU10001', 'CU11306', 'XX99999'];
    const [out] = await run(plates, { options: { maxBulkSize: 2 } }, true).result;
    // The first request of an execution runs alone, so the fault hits the first chunk.
    expect(out.map((item) => item.json['status'])).toEqual(['error', 'error', 'found', 'found', 'not_found']);
    expect(out[0]).toMatchObject({ pairedItem: { item: 0 }, json: { code: 'KJR_UPSTREAM' } });
    expect(out[0].json['hint']).toMatch(/svvguid/);
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '503': 1, '200': 2 });
  });

  it('explains quota exhaustion as a NodeApiError tied to the item, without retrying', async () => {
    simulator.setFaults({ quota: { dailyItems: 2 } });
    const error: unknown = await run(['CU10942', 'EC80261', 'CU10001']).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    const apiError = error as NodeApiError;
    expect(apiError.httpCode).toBe('422');
    expect(apiError.context['itemIndex']).toBe(0);
    expect(apiError.message).toMatch(/quota is exhausted/);
    expect(apiError.description).toMatch(/Retry On Fail/);
    expect(apiError.description).toMatch(/until \d{4}-\d{2}-\d{2}T/);
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '422': 1 });
  });

  it('sends items with different audit fields in separate calls', async () => {
    const plates = ['CU10942', 'EC80261', 'CU10001'];
    const store = credentialStore(simulatorCredential(simulator));
    const fake = createExecuteContext({
      store,
      items: itemsOf(plates.map(() => ({}))),
      parameters: (i) => ({
        resource: 'kjoretoy',
        operation: 'kjennemerke',
        kjennemerke: plates[i],
        audit: { purpose: i === 1 ? 'PARKERING' : 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' },
      }),
    });
    const [out] = await node.execute.call(fake.context);
    expect(out.map((item) => item.json['status'])).toEqual(['found', 'found', 'found']);
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 2 });
  });
});
