import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readText, showFor } from '../../helpers/common-fields.js';
import { ekskluderVraketUtfortField, pagingFields, runKjoretoySearch } from '../../helpers/search.js';

/** S2 `sok/understellsnummer` with `*` prefix/suffix wildcards (docs/contract.md#s4.4). */
export const description: INodeProperties[] = [
  {
    displayName: 'Understellsnummer',
    name: 'understellsnummer',
    type: 'string',
    required: true,
    default: '',
    placeholder: '1234234ERGWW01A*',
    description: 'VIN to search for; exact, or with * at the start and/or the end',
    displayOptions: showFor('sok', 'understellsnummer'),
  },
  {
    displayName: 'Merkekode',
    name: 'merkekode',
    type: 'string',
    default: '',
    placeholder: '4011',
    description: 'Optional make code to narrow the search to one make',
    displayOptions: showFor('sok', 'understellsnummer'),
  },
  ekskluderVraketUtfortField('understellsnummer'),
  ...pagingFields('understellsnummer'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runKjoretoySearch(this, 'understellsnummer', (itemIndex) => {
    const merkekode = readText(this, 'merkekode', itemIndex);
    return {
      understellsnummer: readText(this, 'understellsnummer', itemIndex) ?? '',
      ...(merkekode === undefined ? {} : { merkekode }),
      ...(this.getNodeParameter('ekskluderVraketUtfort', itemIndex, false) === true
        ? { ekskluderVraketUtfort: true }
        : {}),
    };
  });
}
