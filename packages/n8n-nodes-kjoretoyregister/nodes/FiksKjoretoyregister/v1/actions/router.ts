import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import * as kjoretoy from './kjoretoy/Kjoretoy.resource.js';
import * as sok from './sok/Sok.resource.js';

type OperationExecute = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

const OPERATIONS: Record<string, Record<string, OperationExecute>> = {
  kjoretoy: {
    kjennemerke: kjoretoy.kjennemerke.execute,
    kuid: kjoretoy.kuid.execute,
    understellsnummer: kjoretoy.understellsnummer.execute,
  },
  sok: {
    kjennemerke: sok.kjennemerke.execute,
    understellsnummer: sok.understellsnummer.execute,
    fodselsnummer: sok.fodselsnummer.execute,
    organisasjonsnummer: sok.organisasjonsnummer.execute,
    kundeid: sok.kundeid.execute,
    eiernavn: sok.eiernavn.execute,
    kunde: sok.kunde.execute,
  },
};

/** Resource and operation are fixed for the whole node (noDataExpression), so item 0 decides. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const resource = this.getNodeParameter('resource', 0) as string;
  const operation = this.getNodeParameter('operation', 0) as string;
  const execute = OPERATIONS[resource]?.[operation];
  if (!execute) {
    throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
  }
  return [await execute.call(this)];
}
