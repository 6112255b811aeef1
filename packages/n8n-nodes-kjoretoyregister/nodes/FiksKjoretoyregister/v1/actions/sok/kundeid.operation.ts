import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readText, showFor } from '../../helpers/common-fields.js';
import { ekskluderVraketUtfortField, pagingFields, runKjoretoySearch } from '../../helpers/search.js';

/** S5 `sok/kundeid`: vehicles of a register customer (docs/contract.md#s4.3). */
export const description: INodeProperties[] = [
  {
    displayName: 'Kundeid',
    name: 'kundeid',
    type: 'string',
    required: true,
    default: '',
    placeholder: '124000639',
    description: 'The customer ID of the owner, co-owner or lessee in the register',
    displayOptions: showFor('sok', 'kundeid'),
  },
  ekskluderVraketUtfortField('kundeid'),
  ...pagingFields('kundeid'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runKjoretoySearch(this, 'kundeid', (itemIndex) => ({
    kundeid: readText(this, 'kundeid', itemIndex) ?? '',
    ...(this.getNodeParameter('ekskluderVraketUtfort', itemIndex, false) === true
      ? { ekskluderVraketUtfort: true }
      : {}),
  }));
}
