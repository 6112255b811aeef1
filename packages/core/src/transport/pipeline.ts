import { randomUUID } from 'node:crypto';
import type { CircuitBreakerPolicy } from 'cockatiel';
import { BrokenCircuitError } from 'cockatiel';
import type { TokenProvider } from '../auth/token-provider.js';
import type { Clock } from '../clock.js';
import { CircuitOpenError, FiksAuthenticationError, KjoretoyregisterError, ResponseFormatError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { withRequestId } from '../with-request-id.js';
import { errorFromFiksResponse, tryParseJson } from './error-factory.js';
import { transportErrorFrom } from './adapter-kit.js';
import type { FiksCall, FiksRequester, FiksResult } from './requester.js';
import { createRetryPolicy, type RetrySettings } from './retry-policy.js';
import type { Transport } from './transport.js';

interface PipelineOptions {
  transport: Transport;
  tokenProvider: TokenProvider;
  /** Everything up to and including `/rest/distribusjon/kjoretoy/v2.0`. */
  baseUrl: string;
  integrasjonId: string;
  integrasjonPassord: string;
  timeoutMs: number;
  retry: RetrySettings;
  logger: Logger;
  clock: Clock;
  circuitBreaker?: CircuitBreakerPolicy;
}

/**
 * One authenticated Fiks call: headers, request id, timeout and caller signal, retries, the
 * single refresh-once on a rejected token (docs/contract.md#s3.5, docs/contract.md#s9.1), error mapping, logging of the
 * route template only.
 */
export class FiksPipeline implements FiksRequester {
  constructor(private readonly options: PipelineOptions) {}

  async call(call: FiksCall): Promise<FiksResult> {
    const requestId = randomUUID();
    const policy = createRetryPolicy(this.options.retry, call.retryable);
    let attempt = 0;
    const run = () =>
      policy.execute(() => {
        attempt += 1;
        return this.attemptWithRefresh(call, requestId, attempt);
      }, call.signal);
    try {
      return this.options.circuitBreaker ? await this.options.circuitBreaker.execute(run) : await run();
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new CircuitOpenError(undefined, { requestId, cause: error });
      // Token and transport failures are created without this call's id; a token failure is shared by
      // every caller waiting on that token, so each gets its own copy with its own id.
      if (error instanceof KjoretoyregisterError) throw withRequestId(error, requestId);
      throw transportErrorFrom(error, call.signal);
    }
  }

  /** One attempt; a token rejection evicts the token and tries once more with a fresh one. */
  private async attemptWithRefresh(call: FiksCall, requestId: string, attempt: number): Promise<FiksResult> {
    try {
      return await this.attemptOnce(call, requestId, attempt);
    } catch (error) {
      if (!(error instanceof FiksAuthenticationError) || error.kind !== 'token') throw error;
      this.options.logger.info('fiks rejected the token; fetching a new one and retrying once', {
        route: call.route,
        requestId,
      });
      return this.attemptOnce(call, requestId, attempt, true);
    }
  }

  private async attemptOnce(
    call: FiksCall,
    requestId: string,
    attempt: number,
    refreshed = false,
  ): Promise<FiksResult> {
    const { transport, tokenProvider, logger, clock } = this.options;
    const token = await tokenProvider.getToken({ signal: call.signal });
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.value}`,
      IntegrasjonId: this.options.integrasjonId,
      IntegrasjonPassord: this.options.integrasjonPassord,
      Accept: 'application/json',
      requestId,
    };
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    const signal = combineSignals(AbortSignal.timeout(this.options.timeoutMs), call.signal);
    const started = clock.now();
    let response;
    try {
      response = await transport.send({
        method: call.method,
        url: this.urlFor(call),
        headers,
        body,
        signal,
        target: 'fiks',
      });
    } catch (error) {
      const mapped = transportErrorFrom(error, signal);
      logger.warn('fiks request failed', {
        method: call.method,
        route: call.route,
        requestId,
        attempt,
        failure: mapped.message,
      });
      throw mapped;
    }
    const fields = {
      method: call.method,
      route: call.route,
      status: response.status,
      requestId,
      attempt,
      durationMs: clock.now() - started,
    };
    if (response.status < 200 || response.status >= 300) {
      const error = errorFromFiksResponse(response, { requestId, clock });
      // Evict only this token: a concurrent call may already hold a fresh one.
      if (!refreshed && error instanceof FiksAuthenticationError && error.kind === 'token')
        tokenProvider.invalidate(token);
      logger.warn('fiks request rejected', {
        ...fields,
        code: error.code,
        errorId: error.errorId,
        svvguid: error.svvguid,
      });
      throw error;
    }
    logger.debug('fiks request', fields);
    if (response.status === 204 || response.body.trim() === '') {
      return { status: response.status, headers: response.headers, body: undefined, requestId };
    }
    const parsed = tryParseJson(response.body);
    if (parsed === undefined) {
      throw new ResponseFormatError(`Kjøretøyregister answered ${response.status} with a body that is not JSON`, {
        status: response.status,
        requestId,
        retryable: false,
      });
    }
    return { status: response.status, headers: response.headers, body: parsed, requestId };
  }

  private urlFor(call: FiksCall): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query.append(name, value);
    }
    // URLSearchParams encodes '+' as %2B and spaces as '+'; SVV examples use %20 (docs/contract.md#s4.3,
    // docs/contract.md#s4.7). It leaves '*' as is; S2 wildcards are sent as %2A to be safe (docs/contract.md#s4.4).
    const search = query.toString().replace(/\+/g, '%20').replace(/\*/g, '%2A');
    return `${this.options.baseUrl}${call.path}${search ? `?${search}` : ''}`;
  }
}

function combineSignals(timeout: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  return caller ? AbortSignal.any([timeout, caller]) : timeout;
}
