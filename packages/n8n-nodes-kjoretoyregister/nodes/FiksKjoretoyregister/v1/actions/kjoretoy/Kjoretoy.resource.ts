import type { INodeProperties } from 'n8n-workflow';
import * as kjennemerke from './kjennemerke.operation.js';
import * as kuid from './kuid.operation.js';
import * as understellsnummer from './understellsnummer.operation.js';

export { kjennemerke, kuid, understellsnummer };

/** Lookups (Kjøretøyoppslag, docs/contract.md#s4.2). The operation names are the register's own words. */
export const description: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['kjoretoy'] } },
    options: [
      {
        name: 'Slå opp kjennemerke',
        value: 'kjennemerke',
        description: 'Look up vehicles by registration plate, all items in bulk requests',
        action: 'Slå opp kjennemerke',
      },
      {
        name: 'Slå opp kuid',
        value: 'kuid',
        description: "Look up vehicles by the register's vehicle ID, all items in bulk requests",
        action: 'Slå opp kuid',
      },
      {
        name: 'Slå opp understellsnummer',
        value: 'understellsnummer',
        description: 'Look up vehicles by VIN; one VIN can match several vehicles',
        action: 'Slå opp understellsnummer',
      },
    ],
    default: 'kjennemerke',
  },
  ...kjennemerke.description,
  ...kuid.description,
  ...understellsnummer.description,
];
