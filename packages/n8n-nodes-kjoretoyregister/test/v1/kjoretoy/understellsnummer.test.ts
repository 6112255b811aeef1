import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregister } from '../../../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';
import { createExecuteContext, itemsOf } from '../../support/fake-n8n';
import { credentialStore, routeCounts, simulatorCredential, total } from '../../support/simulator-credential';

const node = new FiksKjoretoyregister();
const VIN_ROUTE =
  'GET /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/{understellsnummer}';

describe('Look up by Understellsnummer', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  function run(vins: readonly string[], dtg?: string, continueOnFail = false) {
    const store = credentialStore(simulatorCredential(simulator));
    const fake = createExecuteContext({
      store,
      items: itemsOf(vins.map((vin) => ({ vin }))),
      parameters: (i) => ({
        resource: 'kjoretoy',
        operation: 'understellsnummer',
        understellsnummer: vins[i],
        ...(dtg ? { dtg } : {}),
      }),
      continueOnFail,
    });
    return node.execute.call(fake.context);
  }

  it('returns every vehicle a VIN matches, one output item per input', async () => {
    const [out] = await run(['TESTDUPVIN0000001', 'TESTDIGDIR0000016', 'TESTNOTHING00000']);
    expect(out.map((item) => [item.pairedItem, item.json['status'], item.json['antallTreff']])).toEqual([
      [{ item: 0 }, 'found', 2],
      [{ item: 1 }, 'found', 1],
      [{ item: 2 }, 'not_found', 0],
    ]);
    const kjennemerker = (out[0].json['treff'] as IDataObject[]).map((hit) => hit['kjennemerke']).sort();
    expect(kjennemerker).toEqual(['ST 10012', 'ST 10013']);
    expect(total(routeCounts(simulator, VIN_ROUTE))).toBe(3);
    expect(simulator.stats().tokenRequests.ok).toBe(1);
  });

  it('before the newer vehicle existed, the shared VIN matches only the older one', async () => {
    const [out] = await run(['TESTDUPVIN0000001'], '2019-01-01T12:00:00+01:00');
    expect(out[0].json).toMatchObject({ status: 'found', antallTreff: 1, dtg: '2019-01-01T12:00:00+01:00' });
    expect((out[0].json['treff'] as IDataObject[])[0]['kjennemerke']).toBe('ST 10012');
  });

  it('an invalid VIN fails its own item; without continueOnFail it throws for that item', async () => {
    const [out] = await run(['TESTDIGDIR0000016', 'not-a-vin!'], undefined, true);
    expect(out.map((item) => item.json['status'])).toEqual(['found', 'invalid']);
    expect(out[1].json['error']).not.toContain('not-a-vin');

    const error: unknown = await run(['not-a-vin!', 'TESTDIGDIR0000016']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context['itemIndex']).toBe(0);
  });
});
