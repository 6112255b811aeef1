import type { INodeProperties } from 'n8n-workflow';
import { auditField, optionsField, outputField } from '../helpers/common-fields.js';
import * as kjoretoy from './kjoretoy/Kjoretoy.resource.js';
import * as sok from './sok/Sok.resource.js';

/** The parameters of version 1; the node file holds the rest of the description. */
export const versionProperties: INodeProperties[] = [
  {
    displayName: 'Resource',
    name: 'resource',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'Kjøretøy', value: 'kjoretoy', description: 'Look up vehicles by plate, kuid or VIN' },
      { name: 'Søk', value: 'sok', description: 'Search vehicles and register customers' },
    ],
    default: 'kjoretoy',
  },
  ...kjoretoy.description,
  ...sok.description,
  { ...outputField, displayOptions: { hide: { resource: ['sok'], operation: ['kunde'] } } },
  optionsField,
  auditField,
];
