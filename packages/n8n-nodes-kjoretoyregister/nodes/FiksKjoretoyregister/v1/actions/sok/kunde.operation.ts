import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Eiertype, SokParams } from '@kjoretoyregister/core/host';
import { showFor } from '../../helpers/common-fields.js';
import { runKundeSearch } from '../../helpers/search.js';

/**
 * S7 `sok/kunde`: register customers, not vehicles; no paging (docs/contract.md#s4.3). Core checks the
 * combination rules (navn excludes fornavn/etternavn, fonetisk needs navn, kjonn needs PERSON).
 */
export const description: INodeProperties[] = [
  {
    displayName: 'Eiertype',
    name: 'eiertype',
    type: 'options',
    options: [
      { name: 'Person', value: 'PERSON' },
      { name: 'Organisasjon', value: 'ORGANISASJON' },
      { name: 'Begge', value: 'BEGGE' },
    ],
    default: 'PERSON',
    description: 'Whether to search persons, organisations or both',
    displayOptions: showFor('sok', 'kunde'),
  },
  {
    displayName: 'Criteria',
    name: 'criteria',
    type: 'collection',
    placeholder: 'Add Criterion',
    default: {},
    description: 'Give Navn, or Fornavn/Mellomnavn/Etternavn (exact match), plus any narrowing fields',
    displayOptions: showFor('sok', 'kunde'),
    options: [
      { displayName: 'Etternavn', name: 'etternavn', type: 'string', default: '' },
      {
        displayName: 'Fødselsdato',
        name: 'fodselsdato',
        type: 'string',
        default: '',
        placeholder: '1990-05-17',
        description: 'Date of birth (YYYY-MM-DD) or year of birth (YYYY)',
      },
      {
        displayName: 'Fonetisk',
        name: 'fonetisk',
        type: 'boolean',
        default: false,
        description: 'Whether to match Navn phonetically',
      },
      { displayName: 'Fornavn', name: 'fornavn', type: 'string', default: '' },
      { displayName: 'Fylke', name: 'fylke', type: 'string', default: '' },
      {
        displayName: 'Kjønn',
        name: 'kjonn',
        type: 'options',
        options: [
          { name: 'Any', value: '' },
          { name: 'Kvinne', value: 'K' },
          { name: 'Mann', value: 'M' },
        ],
        default: '',
        description: 'Only with Eiertype Person',
      },
      { displayName: 'Kommune', name: 'kommune', type: 'string', default: '' },
      { displayName: 'Mellomnavn', name: 'mellomnavn', type: 'string', default: '' },
      {
        displayName: 'Navn',
        name: 'navn',
        type: 'string',
        default: '',
        description: 'Full name of a person or the name of an organisation',
      },
      { displayName: 'Postnummer', name: 'postnummer', type: 'string', default: '' },
      { displayName: 'Poststed', name: 'poststed', type: 'string', default: '' },
    ],
  },
];

const TEXT_CRITERIA = [
  'navn',
  'fornavn',
  'mellomnavn',
  'etternavn',
  'fodselsdato',
  'fylke',
  'kommune',
  'postnummer',
  'poststed',
] as const;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runKundeSearch(this, (itemIndex) => {
    const criteria = this.getNodeParameter('criteria', itemIndex, {}) as Record<string, unknown>;
    const params: SokParams['kunde'] = {
      eiertype: this.getNodeParameter('eiertype', itemIndex, 'PERSON') as Eiertype,
    };
    for (const name of TEXT_CRITERIA) {
      const value = criteria[name];
      if (typeof value === 'string' && value.trim() !== '') params[name] = value.trim();
    }
    if (criteria['fonetisk'] === true) params.fonetisk = true;
    if (criteria['kjonn'] === 'M' || criteria['kjonn'] === 'K') params.kjonn = criteria['kjonn'];
    return params;
  });
}
