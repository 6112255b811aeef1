import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runBulkLookup } from '../../helpers/batch.js';
import { dtgField, showFor } from '../../helpers/common-fields.js';

/** B2 `POST bulk/kuid` (docs/contract.md#s7b): all items of the execution in as few bulk requests as possible. */
export const description: INodeProperties[] = [
  {
    displayName: 'Kuid',
    name: 'kuid',
    type: 'string',
    required: true,
    default: '',
    placeholder: '3378119709',
    description: "The register's vehicle ID (kuid) of this item, usually an expression",
    displayOptions: showFor('kjoretoy', 'kuid'),
  },
  dtgField('kjoretoy', 'kuid'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runBulkLookup(this, 'kuid');
}
