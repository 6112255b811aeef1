/**
 * B1/B2 (docs/contract.md#s4.2): every input item of the execution goes into one core bulk call, which
 * normalises, de-duplicates and chunks them (docs/contract.md#s7c): 250 items cost ceil(250 / maxBulkSize)
 * requests, not 250. Items whose audit fields differ go in separate calls, because core records
 * one audit context per call. Outcomes come back aligned to the inputs, so pairing is by index.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type {
  AuditContext,
  KjennemerkeItem,
  KuidItem,
  LookupOutcome,
  ValidationError,
} from '@kjoretoyregister/core/host';
import { createNodeClient } from './client.js';
import { readAudit, readDtg, readText } from './common-fields.js';
import { ItemResults } from './item-results.js';
import { projectKjoretoy, readOutputSettings, toJson, type OutputSettings } from './output-mode.js';
import type { Failure } from './errors.js';

export type BulkKind = 'kjennemerke' | 'kuid';

const FIELD_LABELS: Record<BulkKind | 'dtg', string> = {
  kjennemerke: 'Kjennemerke',
  kuid: 'Kuid',
  dtg: 'Point in Time (DTG)',
};

interface Member {
  itemIndex: number;
  input: KjennemerkeItem | KuidItem;
  echo: IDataObject;
  settings: OutputSettings;
}

interface Group {
  audit: Partial<AuditContext>;
  members: Member[];
}

/** Core names positions in its own input array (`items[3].dtg`); n8n already names the item. */
function invalidInput(error: ValidationError | undefined, kind: BulkKind): Failure {
  const issues = error?.issues ?? [];
  const text = issues
    .map((issue) => {
      const field = issue.path.replace(/^items\[\d+\]\.?/, '') || kind;
      return `${FIELD_LABELS[field as BulkKind | 'dtg'] ?? field} ${issue.message}`;
    })
    .join('; ');
  return {
    status: 'invalid',
    message: text || `${FIELD_LABELS[kind]} is not valid`,
    description: 'What to do: fix the input of this item; nothing was sent for it.',
    code: 'KJR_VALIDATION',
  };
}

function answered(outcome: LookupOutcome, member: Member): IDataObject {
  const head: IDataObject = { status: outcome.status, ...member.echo };
  if (outcome.status === 'found' && outcome.kjoretoy) {
    return { ...head, ...projectKjoretoy(outcome.kjoretoy, member.settings) };
  }
  return { ...head, responskoder: toJson(outcome.responskoder ?? []) as unknown as IDataObject[] };
}

function collect(context: IExecuteFunctions, kind: BulkKind, results: ItemResults): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (let itemIndex = 0; itemIndex < results.count; itemIndex++) {
    let member: Member;
    let audit: Partial<AuditContext>;
    try {
      const identifier = readText(context, kind, itemIndex) ?? '';
      const dtg = readDtg(context, itemIndex);
      audit = readAudit(context, itemIndex);
      const input = kind === 'kjennemerke' ? { kjennemerke: identifier } : { kuid: identifier };
      member = {
        itemIndex,
        input: dtg === undefined ? input : { ...input, dtg },
        echo: { input: identifier, ...(dtg === undefined ? {} : { dtg }) },
        settings: readOutputSettings(context, itemIndex),
      };
    } catch (error) {
      results.fail(itemIndex, error);
      continue;
    }
    const key = JSON.stringify(audit);
    const group = groups.get(key) ?? { audit, members: [] };
    group.members.push(member);
    groups.set(key, group);
  }
  return groups;
}

export async function runBulkLookup(context: IExecuteFunctions, kind: BulkKind): Promise<INodeExecutionData[]> {
  const results = new ItemResults(context, context.getInputData().length);
  const groups = collect(context, kind, results);
  if (groups.size === 0) return results.finish();

  const maxBulkSize = context.getNodeParameter('options.maxBulkSize', 0, 100) as number;
  let client;
  try {
    const created = await createNodeClient(context, { maxBulkSize });
    client = created.client;
    results.useTransport(created.wasSent);
  } catch (error) {
    for (const group of groups.values()) {
      for (const member of group.members) results.fail(member.itemIndex, error, member.echo);
    }
    return results.finish();
  }
  try {
    for (const group of groups.values()) {
      const inputs = group.members.map((member) => member.input);
      let outcomes: LookupOutcome[];
      try {
        outcomes =
          kind === 'kjennemerke'
            ? await client.lookupKjennemerke(inputs as KjennemerkeItem[], { audit: group.audit })
            : await client.lookupKuid(inputs as KuidItem[], { audit: group.audit });
      } catch (error) {
        // Call-level failures (e.g. a required audit context) concern every item of the call.
        for (const member of group.members) results.fail(member.itemIndex, error, member.echo);
        continue;
      }
      outcomes.forEach((outcome, position) => {
        const member = group.members[position];
        if (outcome.status === 'invalid') {
          results.fail(member.itemIndex, outcome.error, member.echo, invalidInput(outcome.error, kind));
        } else if (outcome.status === 'error') {
          results.fail(member.itemIndex, outcome.error, member.echo);
        } else {
          results.succeed(member.itemIndex, answered(outcome, member));
        }
      });
    }
  } finally {
    await client.close();
  }
  return results.finish();
}
