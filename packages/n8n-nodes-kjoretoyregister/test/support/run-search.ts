import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregister } from '../../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';
import { createExecuteContext, itemsOf } from './fake-n8n';
import { credentialStore, simulatorCredential } from './simulator-credential';

const node = new FiksKjoretoyregister();

/** Runs one Søk operation with per-item parameters; returns the node's single output. */
export async function runSearch(
  simulator: RunningSimulator,
  operation: string,
  perItem: readonly Record<string, unknown>[],
  continueOnFail = false,
): Promise<INodeExecutionData[]> {
  const fake = createExecuteContext({
    store: credentialStore(simulatorCredential(simulator)),
    items: itemsOf(perItem.map(() => ({}))),
    parameters: (i) => ({ resource: 'sok', operation, ...perItem[i] }),
    continueOnFail,
  });
  const [out] = await node.execute.call(fake.context);
  return out;
}

export function treffOf(item: INodeExecutionData): IDataObject[] {
  return item.json['treff'] as IDataObject[];
}
