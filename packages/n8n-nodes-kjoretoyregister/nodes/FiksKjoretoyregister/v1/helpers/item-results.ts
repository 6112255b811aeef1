/**
 * One output item per input item, in input order, each paired to its input. Failures are
 * collected per item: with `continueOnFail` they become error items for those inputs only;
 * without it the failure of the lowest item index is thrown, tied to that item.
 *
 * Options → Include Input Fields (n8n's usual `includeInputFields`, default off): the input item's
 * fields come first and the node's own fields (`status`, `input`, the vehicle …) overwrite any of the
 * same name, as n8n's own nodes merge them. It applies to answered and error items alike, so a case
 * number travels with every row, found or not.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { describeFailure, failureItem, toNodeError, type DescribeOptions, type Failure } from './errors.js';

export const INCLUDE_INPUT_FIELDS = 'options.includeInputFields';

interface RecordedFailure {
  error: unknown;
  /** Described when the items are finished, once it is known which requests were sent. */
  failure?: Failure;
  extra: IDataObject;
}

export class ItemResults {
  private readonly items: (INodeExecutionData | undefined)[];
  private readonly failures = new Map<number, RecordedFailure>();
  private describe: DescribeOptions = {};

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

  /** The transport's record of sent requests, so failures quote only request ids Fiks can know. */
  useTransport(wasSent: (requestId: string) => boolean): void {
    this.describe = { wasSent };
  }

  succeed(itemIndex: number, json: IDataObject): void {
    this.items[itemIndex] = { json, pairedItem: { item: itemIndex } };
  }

  /** `failure` overrides how the error is described (e.g. an invalid input in field terms). */
  fail(itemIndex: number, error: unknown, extra: IDataObject = {}, failure?: Failure): void {
    if (this.failures.has(itemIndex)) return;
    this.failures.set(itemIndex, { error, ...(failure ? { failure } : {}), extra });
  }

  private failureOf(recorded: RecordedFailure): Failure {
    return recorded.failure ?? describeFailure(recorded.error, 'error', this.describe);
  }

  /** Which items take the input's fields; reading the option can fail like any parameter. */
  private inputFieldsWanted(): boolean[] {
    return this.items.map((_, itemIndex) => {
      try {
        return this.context.getNodeParameter(INCLUDE_INPUT_FIELDS, itemIndex, false) === true;
      } catch (error) {
        this.fail(itemIndex, error);
        return false;
      }
    });
  }

  /** Throws unless `continueOnFail`; then every item, failed ones as error items. */
  finish(): INodeExecutionData[] {
    const withInput = this.inputFieldsWanted();
    if (this.failures.size > 0 && !this.context.continueOnFail()) {
      const first = Math.min(...this.failures.keys());
      const recorded = this.failures.get(first) as RecordedFailure;
      throw toNodeError(this.context, this.failureOf(recorded), first, recorded.error);
    }
    const inputs = this.context.getInputData();
    return this.items.map((item, itemIndex) => {
      const recorded = this.failures.get(itemIndex);
      const output = recorded
        ? failureItem(this.failureOf(recorded), itemIndex, recorded.extra)
        : // Every index is either answered or failed; an unanswered one is a bug worth surfacing.
          (item ?? failureItem({ status: 'error', message: 'No result for this item' }, itemIndex));
      if (!withInput[itemIndex]) return output;
      return { ...output, json: { ...(inputs[itemIndex]?.json ?? {}), ...output.json } };
    });
  }
}
