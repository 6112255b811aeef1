import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readText, showFor } from '../../helpers/common-fields.js';
import { ekskluderVraketUtfortField, pagingFields, runKjoretoySearch } from '../../helpers/search.js';

/** S3 `sok/fodselsnummer`: vehicles of a person as eier, medeier or leasingtaker (docs/contract.md#s4.3). */
export const description: INodeProperties[] = [
  {
    displayName: 'Fødselsnummer',
    name: 'fodselsnummer',
    type: 'string',
    required: true,
    default: '',
    description: "The owner's, co-owner's or lessee's 11-digit national identity number",
    displayOptions: showFor('sok', 'fodselsnummer'),
  },
  ekskluderVraketUtfortField('fodselsnummer'),
  ...pagingFields('fodselsnummer'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runKjoretoySearch(this, 'fodselsnummer', (itemIndex) => ({
    fodselsnummer: readText(this, 'fodselsnummer', itemIndex) ?? '',
    ...(this.getNodeParameter('ekskluderVraketUtfort', itemIndex, false) === true
      ? { ekskluderVraketUtfort: true }
      : {}),
  }));
}
