import type { FiksCall, FiksRequester, FiksResult } from '../../../src/transport/requester.js';

export type Answer = { body?: unknown; status?: number };
export type Handler = (call: FiksCall, index: number) => Answer | Promise<Answer>;

/**
 * The seam below HTTP: an in-process FiksRequester that records every call and answers from a
 * handler. A handler may throw a typed error, as the real pipeline does for non-2xx answers.
 */
export class RecordingRequester implements FiksRequester {
  readonly calls: FiksCall[] = [];

  constructor(private readonly handler: Handler) {}

  async call(call: FiksCall): Promise<FiksResult> {
    const index = this.calls.length;
    // A deep copy, so a test sees what was sent even if the caller reuses objects.
    this.calls.push({ ...call, body: call.body === undefined ? undefined : structuredClone(call.body) });
    const answer = await this.handler(call, index);
    return {
      status: answer.status ?? (answer.body === undefined ? 204 : 200),
      headers: {},
      body: answer.body,
      requestId: `req-${index + 1}`,
    };
  }
}
