import type { INodeProperties } from 'n8n-workflow';
import * as eiernavn from './eiernavn.operation.js';
import * as fodselsnummer from './fodselsnummer.operation.js';
import * as kjennemerke from './kjennemerke.operation.js';
import * as kunde from './kunde.operation.js';
import * as kundeid from './kundeid.operation.js';
import * as organisasjonsnummer from './organisasjonsnummer.operation.js';
import * as understellsnummer from './understellsnummer.operation.js';

export { eiernavn, fodselsnummer, kjennemerke, kunde, kundeid, organisasjonsnummer, understellsnummer };

/**
 * Kjøretøysøk S1–S7 (docs/contract.md#s4.3). KS documents only eiernavn; the others may be closed
 * (docs/contract.md#s7h). The fødselsnummer action uses the API's ASCII spelling: n8n's sentence-case
 * lint drops non-ASCII letters.
 */
export const description: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['sok'] } },
    options: [
      {
        name: 'Search by Eiernavn',
        value: 'eiernavn',
        description: "Vehicles by the owner's, co-owner's or lessee's name",
        action: 'Search vehicles by eiernavn',
      },
      {
        name: 'Search by Fødselsnummer',
        value: 'fodselsnummer',
        description: 'Vehicles of a person by national identity number',
        action: 'Search vehicles by fodselsnummer',
      },
      {
        name: 'Search by Kjennemerke',
        value: 'kjennemerke',
        description: 'Vehicles by plate, with ? wildcards',
        action: 'Search vehicles by kjennemerke',
      },
      {
        name: 'Search by Kundeid',
        value: 'kundeid',
        description: 'Vehicles of a register customer',
        action: 'Search vehicles by kundeid',
      },
      {
        name: 'Search by Organisasjonsnummer',
        value: 'organisasjonsnummer',
        description: 'Vehicles of an organisation',
        action: 'Search vehicles by organisasjonsnummer',
      },
      {
        name: 'Search by Understellsnummer',
        value: 'understellsnummer',
        description: 'Vehicles by VIN, with * wildcards',
        action: 'Search vehicles by understellsnummer',
      },
      {
        name: 'Search Kunde',
        value: 'kunde',
        description: 'Register customers (persons or organisations) by name and other details',
        action: 'Search kunde',
      },
    ],
    default: 'kjennemerke',
  },
  ...kjennemerke.description,
  ...understellsnummer.description,
  ...fodselsnummer.description,
  ...organisasjonsnummer.description,
  ...kundeid.description,
  ...eiernavn.description,
  ...kunde.description,
];
