import type { INodeProperties } from 'n8n-workflow';
import * as kjennemerke from './kjennemerke.operation.js';
import * as kuid from './kuid.operation.js';
import * as understellsnummer from './understellsnummer.operation.js';

export { kjennemerke, kuid, understellsnummer };

/**
 * Lookups (Kjøretøyoppslag, docs/contract.md#s4.2). n8n's lint wants option names in title case and
 * actions in sentence case (ASCII only: its sentence-case check drops å), so the names are English
 * around the register's own words, like the searches' "Search by Kjennemerke".
 */
export const description: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['kjoretoy'] } },
    options: [
      {
        name: 'Look up by Kjennemerke',
        value: 'kjennemerke',
        description: 'Look up vehicles by registration plate, all items in bulk requests',
        action: 'Look up vehicles by kjennemerke',
      },
      {
        name: 'Look up by Kuid',
        value: 'kuid',
        description: "Look up vehicles by the register's vehicle ID, all items in bulk requests",
        action: 'Look up vehicles by kuid',
      },
      {
        name: 'Look up by Understellsnummer',
        value: 'understellsnummer',
        description: 'Look up vehicles by VIN; one VIN can match several vehicles',
        action: 'Look up vehicles by understellsnummer',
      },
    ],
    default: 'kjennemerke',
  },
  ...kjennemerke.description,
  ...kuid.description,
  ...understellsnummer.description,
];
