/**
 * One output item per input item, in input order, each paired to its input. Failures are
 * collected per item: with `continueOnFail` they become error items for those inputs only;
 * without it the failure of the lowest item index is thrown, tied to that item.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { describeFailure, failureItem, toNodeError, type Failure } from './errors.js';

interface RecordedFailure {
  error: unknown;
  failure: Failure;
  extra: IDataObject;
}

export class ItemResults {
  private readonly items: (INodeExecutionData | undefined)[];
  private readonly failures = new Map<number, RecordedFailure>();

  constructor(
    private readonly context: IExecuteFunctions,
    count: number,
  ) {
    this.items = new Array<INodeExecutionData | undefined>(count).fill(undefined);
  }

  get count(): number {
    return this.items.length;
  }

  get hasFailures(): boolean {
    return this.failures.size > 0;
  }

  succeed(itemIndex: number, json: IDataObject): void {
    this.items[itemIndex] = { json, pairedItem: { item: itemIndex } };
  }

  /** `failure` overrides how the error is described (e.g. an invalid input in field terms). */
  fail(itemIndex: number, error: unknown, extra: IDataObject = {}, failure?: Failure): void {
    if (this.failures.has(itemIndex)) return;
    this.failures.set(itemIndex, { error, failure: failure ?? describeFailure(error), extra });
  }

  /** Throws unless `continueOnFail`; then every item, failed ones as error items. */
  finish(): INodeExecutionData[] {
    if (this.failures.size > 0 && !this.context.continueOnFail()) {
      const first = Math.min(...this.failures.keys());
      const recorded = this.failures.get(first) as RecordedFailure;
      throw toNodeError(this.context, recorded.failure, first, recorded.error);
    }
    return this.items.map((item, itemIndex) => {
      const recorded = this.failures.get(itemIndex);
      if (recorded) return failureItem(recorded.failure, itemIndex, recorded.extra);
      // Every index is either answered or failed; an unanswered one is a bug worth surfacing.
      return item ?? failureItem({ status: 'error', message: 'No result for this item' }, itemIndex);
    });
  }
}
