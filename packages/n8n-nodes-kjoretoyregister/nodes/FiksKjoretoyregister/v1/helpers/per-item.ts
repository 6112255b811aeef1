/**
 * Operations with one request per item (VIN lookup, searches): a few items in flight at once,
 * one output item per input. Without `continueOnFail` no new item starts after a failure.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { KjoretoyregisterClient } from '@kjoretoyregister/core';
import { createNodeClient } from './client.js';
import { ItemResults } from './item-results.js';

/** Requests in flight at once; core's own bulk default, and gentle on the upstream rate limit. */
export const PER_ITEM_CONCURRENCY = 4;

export type ItemWork = (client: KjoretoyregisterClient, itemIndex: number) => Promise<IDataObject>;

export async function runPerItem(context: IExecuteFunctions, work: ItemWork): Promise<INodeExecutionData[]> {
  const results = new ItemResults(context, context.getInputData().length);
  if (results.count === 0) return [];
  let client: KjoretoyregisterClient;
  try {
    client = await createNodeClient(context);
  } catch (error) {
    for (let itemIndex = 0; itemIndex < results.count; itemIndex++) results.fail(itemIndex, error);
    return results.finish();
  }
  const stopOnFailure = !context.continueOnFail();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < results.count && !(stopOnFailure && results.hasFailures)) {
      const itemIndex = next++;
      try {
        results.succeed(itemIndex, await work(client, itemIndex));
      } catch (error) {
        results.fail(itemIndex, error);
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
