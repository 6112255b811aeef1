import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readText, showFor } from '../../helpers/common-fields.js';
import { ekskluderVraketUtfortField, pagingFields, runKjoretoySearch } from '../../helpers/search.js';

/**
 * S4 `sok/organisasjonsnummer`: vehicles of an organisation as eier, medeier or leasingtaker (docs/contract.md#s4.3).
 */
export const description: INodeProperties[] = [
  {
    displayName: 'Organisasjonsnummer',
    name: 'organisasjonsnummer',
    type: 'string',
    required: true,
    default: '',
    placeholder: '910000000',
    description: "The owner's, co-owner's or lessee's 9-digit organisation number",
    displayOptions: showFor('sok', 'organisasjonsnummer'),
  },
  ekskluderVraketUtfortField('organisasjonsnummer'),
  ...pagingFields('organisasjonsnummer'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runKjoretoySearch(this, 'organisasjonsnummer', (itemIndex) => ({
    organisasjonsnummer: readText(this, 'organisasjonsnummer', itemIndex) ?? '',
    ...(this.getNodeParameter('ekskluderVraketUtfort', itemIndex, false) === true
      ? { ekskluderVraketUtfort: true }
      : {}),
  }));
}
