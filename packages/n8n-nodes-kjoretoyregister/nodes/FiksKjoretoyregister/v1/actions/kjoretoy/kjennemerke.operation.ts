import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runBulkLookup } from '../../helpers/batch.js';
import { dtgField, showFor } from '../../helpers/common-fields.js';

/** B1 `POST bulk/kjennemerke`: all items of the execution in as few bulk requests as possible. */
export const description: INodeProperties[] = [
  {
    displayName: 'Kjennemerke',
    name: 'kjennemerke',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'CU10942',
    description:
      'Registration plate of this item, usually an expression; spaces, hyphens and lower case are accepted, personal plates too',
    displayOptions: showFor('kjoretoy', 'kjennemerke'),
  },
  dtgField('kjoretoy', 'kjennemerke'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runBulkLookup(this, 'kjennemerke');
}
