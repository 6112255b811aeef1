/**
 * Operations with one request per item (VIN lookup, searches): a few items in flight at once,
 * one output item per input. Without `continueOnFail` no new item starts after a failure.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { KjoretoyregisterClient } from '@kjoretoyregister/core/host';
import { createNodeClient } from './client.js';
import { ItemResults } from './item-results.js';

/** Requests in flight at once; core's own bulk default, and gentle on the upstream rate limit. */
export const PER_ITEM_CONCURRENCY = 4;

export type ItemWork = (client: KjoretoyregisterClient, itemIndex: number) => Promise<IDataObject>;

/**
 * What of this item's input its output repeats (`input`, `dtg`), after `status`, on answered and
 * failed items alike, so an error item still says what it was asked.
 */
export type ItemEcho = (itemIndex: number) => IDataObject;

/** The echo, or none when reading it fails: that failure is the work's to report. */
function safeEcho(echo: ItemEcho | undefined, itemIndex: number): IDataObject {
  try {
    return echo?.(itemIndex) ?? {};
  } catch {
    return {};
  }
}

export async function runPerItem(
  context: IExecuteFunctions,
  work: ItemWork,
  echo?: ItemEcho,
): Promise<INodeExecutionData[]> {
  const results = new ItemResults(context, context.getInputData().length);
  if (results.count === 0) return [];
  let client: KjoretoyregisterClient;
  try {
    const created = await createNodeClient(context);
    client = created.client;
    results.useTransport(created.wasSent);
  } catch (error) {
    for (let itemIndex = 0; itemIndex < results.count; itemIndex++) {
      results.fail(itemIndex, error, safeEcho(echo, itemIndex));
    }
    return results.finish();
  }
  const stopOnFailure = !context.continueOnFail();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < results.count && !(stopOnFailure && results.hasFailures)) {
      const itemIndex = next++;
      const echoed = safeEcho(echo, itemIndex);
      try {
        const { status, ...rest } = await work(client, itemIndex);
        results.succeed(itemIndex, { status, ...echoed, ...rest });
      } catch (error) {
        results.fail(itemIndex, error, echoed);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PER_ITEM_CONCURRENCY, results.count) }, worker));
  } finally {
    await client.close();
  }
  return results.finish();
}
