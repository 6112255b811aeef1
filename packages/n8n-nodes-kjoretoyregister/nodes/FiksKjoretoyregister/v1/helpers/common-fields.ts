/**
 * Parameters every operation shares: output mode, options and the audit context, plus the
 * per-item `dtg` of the lookups. Each operation file adds its own identifier fields.
 */

import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { AuditContext } from '@kjoretoyregister/core/host';

export const DTG_PLACEHOLDER = '2024-03-15T12:00:00+01:00';

export function showFor(resource: string, operation: string): IDisplayOptions {
  return { show: { resource: [resource], operation: [operation] } };
}

/** docs/contract.md#s4.7: the vehicle as it was at that moment (owner, registration, plate). */
export function dtgField(resource: string, operation: string): INodeProperties {
  return {
    displayName: 'Point in Time (DTG)',
    name: 'dtg',
    type: 'string',
    default: '',
    placeholder: DTG_PLACEHOLDER,
    description:
      'Optional. ISO date-time with offset: the vehicle as it was then (owner, registration and plate); empty for now. Usually an expression, e.g. the time the vehicle was observed.',
    displayOptions: showFor(resource, operation),
  };
}

export const outputField: INodeProperties = {
  displayName: 'Output',
  name: 'output',
  type: 'options',
  options: [
    {
      name: 'Teknisk Sammendrag',
      value: 'tekniskSammendrag',
      description: 'Make, model, colour, status, first registration, weights, inspection; no personal data',
    },
    {
      name: 'Eier for Varsel',
      value: 'eierForVarsel',
      description: 'Owners with names and postal addresses for a notice; shielded parties without address',
    },
    {
      name: 'Full',
      value: 'full',
      description: 'The whole vehicle record as the register returns it',
    },
  ],
  default: 'tekniskSammendrag',
  description: 'How much of each vehicle to output',
};

export const optionsField: INodeProperties = {
  displayName: 'Options',
  name: 'options',
  type: 'collection',
  placeholder: 'Add Option',
  default: {},
  options: [
    {
      displayName: 'Include Fødselsnummer',
      name: 'includeFodselsnummer',
      type: 'boolean',
      default: false,
      description: 'Whether to keep national identity numbers in the output. Off unless the case needs them.',
    },
    {
      // n8n's own name and wording for this choice (e.g. the Date & Time node); merged in item-results.ts.
      displayName: 'Include Input Fields',
      name: 'includeInputFields',
      type: 'boolean',
      default: false,
      description:
        "Whether to include all fields of the input item in the output item. The node's own fields (status, input, the vehicle) win over input fields of the same name.",
    },
    {
      displayName: 'Max Items per Request',
      name: 'maxBulkSize',
      type: 'number',
      typeOptions: { minValue: 1, maxValue: 10000 },
      default: 100,
      description: 'Plates or kuids per bulk request; all items of one execution are sent in requests of this size',
      displayOptions: { show: { '/resource': ['kjoretoy'], '/operation': ['kjennemerke', 'kuid'] } },
    },
  ],
};

export const auditField: INodeProperties = {
  displayName: 'Audit',
  name: 'audit',
  type: 'collection',
  placeholder: 'Add Audit Field',
  default: {},
  description: 'Why the register is consulted; passed to the audit record of every call',
  options: [
    {
      displayName: 'Actor',
      name: 'actor',
      type: 'string',
      default: '',
      description: 'Who asks: a user ID or the name of this workflow',
    },
    {
      displayName: 'Case Number (Saksnummer)',
      name: 'caseRef',
      type: 'string',
      default: '',
      description: 'Case reference in your own system',
    },
    {
      displayName: 'Legal Basis (Hjemmel)',
      name: 'legalBasis',
      type: 'string',
      default: '',
      placeholder: 'vegtrafikkloven § 37',
    },
    {
      displayName: 'Purpose (Formål)',
      name: 'purpose',
      type: 'string',
      default: '',
      placeholder: 'HENSATT_KJORETOY',
    },
  ],
};

/** Empty fields are left out, so core can tell "not given" from "given". */
export function readAudit(context: IExecuteFunctions, itemIndex: number): Partial<AuditContext> {
  const raw = context.getNodeParameter('audit', itemIndex, {}) as Record<string, unknown>;
  const audit: Partial<AuditContext> = {};
  for (const key of ['actor', 'purpose', 'legalBasis', 'caseRef'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim() !== '') audit[key] = value.trim();
  }
  return audit;
}

/** Text parameter of one item: trimmed, `undefined` when empty. */
export function readText(context: IExecuteFunctions, name: string, itemIndex: number): string | undefined {
  const value: unknown = context.getNodeParameter(name, itemIndex, '');
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : String(value);
  return text.trim() === '' ? undefined : text.trim();
}

/** The `dtg` of one item; an expression may hand back a Date or a Luxon DateTime (`$now`). */
export function readDtg(context: IExecuteFunctions, itemIndex: number): string | undefined {
  const value: unknown = context.getNodeParameter('dtg', itemIndex, '');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
    const iso: unknown = (value as { toISO: () => unknown }).toISO();
    return typeof iso === 'string' ? iso : undefined;
  }
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}
