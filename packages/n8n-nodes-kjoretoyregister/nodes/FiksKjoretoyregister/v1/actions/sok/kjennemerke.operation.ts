import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readText, showFor } from '../../helpers/common-fields.js';
import { ekskluderVraketUtfortField, pagingFields, runKjoretoySearch } from '../../helpers/search.js';

/** S1 `sok/kjennemerke` with up to three ? wildcards (docs/contract.md#s4.4). */
export const description: INodeProperties[] = [
  {
    displayName: 'Kjennemerke',
    name: 'kjennemerke',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'AF3676?',
    description: 'Plate to search for; up to three unknown characters may be written as ?',
    displayOptions: showFor('sok', 'kjennemerke'),
  },
  ekskluderVraketUtfortField('kjennemerke'),
  ...pagingFields('kjennemerke'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runKjoretoySearch(this, 'kjennemerke', (itemIndex) => ({
    kjennemerke: readText(this, 'kjennemerke', itemIndex) ?? '',
    ...(this.getNodeParameter('ekskluderVraketUtfort', itemIndex, false) === true
      ? { ekskluderVraketUtfort: true }
      : {}),
  }));
}
