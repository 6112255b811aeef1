import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readText, showFor } from '../../helpers/common-fields.js';
import { pagingFields, runKjoretoySearch } from '../../helpers/search.js';

/** S6 `sok/eiernavn`, the one search KS documents (docs/contract.md#s4.3); no ekskluderVraketUtfort. */
export const description: INodeProperties[] = [
  {
    displayName: 'Navn',
    name: 'navn',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'Ola Nordmann',
    description: 'Name of the owner, co-owner or lessee (person or organisation)',
    displayOptions: showFor('sok', 'eiernavn'),
  },
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    displayOptions: showFor('sok', 'eiernavn'),
    options: [
      {
        displayName: 'Fødselsdato',
        name: 'fodselsdato',
        type: 'string',
        default: '',
        placeholder: '2001-12-24',
        description: 'Date of birth, YYYY-MM-DD',
      },
      {
        displayName: 'Fylke',
        name: 'fylke',
        type: 'string',
        default: '',
        description: 'County name or two-digit county number',
      },
      {
        displayName: 'Party Type',
        name: 'erPerson',
        type: 'options',
        options: [
          { name: 'Persons and Organisations', value: 'any' },
          { name: 'Persons Only', value: 'true' },
          { name: 'Organisations Only', value: 'false' },
        ],
        default: 'any',
        description: 'Whether to search persons, organisations or both (erPerson)',
      },
      { displayName: 'Postnummer', name: 'postnummer', type: 'string', default: '', placeholder: '0640' },
      { displayName: 'Poststed', name: 'poststed', type: 'string', default: '', placeholder: 'Hamar' },
    ],
  },
  ...pagingFields('eiernavn'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runKjoretoySearch(this, 'eiernavn', (itemIndex) => {
    const filters = this.getNodeParameter('filters', itemIndex, {}) as Record<string, unknown>;
    const text = (name: string): string | undefined => {
      const value = filters[name];
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const erPerson = filters['erPerson'];
    const optional = {
      postnummer: text('postnummer'),
      poststed: text('poststed'),
      fylke: text('fylke'),
      fodselsdato: text('fodselsdato'),
      erPerson: erPerson === 'true' ? true : erPerson === 'false' ? false : undefined,
    };
    return {
      navn: readText(this, 'navn', itemIndex) ?? '',
      ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    };
  });
}
