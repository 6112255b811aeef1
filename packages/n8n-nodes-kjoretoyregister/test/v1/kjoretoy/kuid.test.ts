import { NodeOperationError } from 'n8n-workflow';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregister } from '../../../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';
import { createExecuteContext, itemsOf } from '../../support/fake-n8n';
import { KUID_ROUTE, credentialStore, routeCounts, simulatorCredential } from '../../support/simulator-credential';

const node = new FiksKjoretoyregister();

describe('Look up by Kuid', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  function run(kuids: readonly string[], parameters: Record<string, unknown> = {}, continueOnFail = false) {
    const fake = createExecuteContext({
      store: credentialStore(simulatorCredential(simulator, 'pkcs12')),
      items: itemsOf(kuids.map((kuid) => ({ kuid }))),
      parameters: (i) => ({ resource: 'kjoretoy', operation: 'kuid', kuid: kuids[i], ...parameters }),
      continueOnFail,
    });
    return node.execute.call(fake.context);
  }

  it('looks up all items in one bulk/kuid request, paired and in input order', async () => {
    const [out] = await run(['3378119709', '3378300006', '9999999999', '3378119709']);
    expect(out.map((item) => [item.pairedItem, item.json['status']])).toEqual([
      [{ item: 0 }, 'found'],
      [{ item: 1 }, 'found'],
      [{ item: 2 }, 'not_found'],
      [{ item: 3 }, 'found'],
    ]);
    expect(out[0].json).toMatchObject({ input: '3378119709', kuid: '3378119709', kjennemerke: 'CU 10942' });
    expect(out[1].json).toMatchObject({ kjennemerke: 'TESLA1' });
    expect(routeCounts(simulator, KUID_ROUTE)).toEqual({ '200': 1 });
  });

  it('throws a NodeOperationError naming the field of an invalid kuid', async () => {
    const error: unknown = await run(['3378119709', 'abc']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context['itemIndex']).toBe(1);
    expect((error as Error).message).toBe('Kuid is not a valid kuid');
  });

  it('rejects a dtg without offset as an invalid input of that item', async () => {
    const [out] = await run(['3378119709', '3378300006'], { dtg: '2024-01-01' }, true);
    expect(out.map((item) => item.json['status'])).toEqual(['invalid', 'invalid']);
    expect(out[0].json['error']).toMatch(/^Point in Time \(DTG\) /);
    expect(routeCounts(simulator, KUID_ROUTE)).toEqual({});
  });
});
