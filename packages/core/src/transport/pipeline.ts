import { randomUUID } from 'node:crypto';
import type { TokenProvider } from '../auth/token-provider.js';
import type { Clock } from '../clock.js';
import { CircuitOpenError, FiksAuthenticationError, KjoretoyregisterError, ResponseFormatError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { withRequestId } from '../with-request-id.js';
import { errorFromFiksResponse, tryParseJson } from './error-factory.js';
import { transportErrorFrom } from './adapter-kit.js';
import type { FiksCall, FiksRequester, FiksResult } from './requester.js';
import { BrokenCircuitError, type CircuitBreaker, type Sleep } from './resilience.js';
import { runWithRetryPolicy, type RetrySettings } from './retry-policy.js';
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
  /** Backoff waits; the host's (resilience.ts). */
  sleep: Sleep;
  circuitBreaker?: CircuitBreaker;
}

/**
 * One authenticated Fiks call: headers, request id, timeout and caller signal, retries, the
 * single refresh-once on a rejected token (docs/contract.md#s3.5, docs/contract.md#s9.1), error mapping, logging of the
 * route template only.
 */
export class FiksPipeline implements FiksRequester {
  constructor(private readonly options: PipelineOptions) {}

  async call(call: FiksCall): Promise<FiksResult> {
    const requestId = call.requestId ?? randomUUID();
    let attempt = 0;
    const rejections: TokenRejections = { count: 0 };
    const run = () =>
      runWithRetryPolicy(
        () => {
          attempt += 1;
          return this.attemptWithRefresh(call, requestId, attempt, rejections);
        },
        this.options.retry,
        { retryable: call.retryable, signal: call.signal, sleep: this.options.sleep },
      );
    try {
      const breaker = this.options.circuitBreaker;
      return breaker ? await breaker.execute(run, call.signal) : await run();
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new CircuitOpenError(undefined, { requestId, cause: error });
      // Token and transport failures are created without this call's id; a token failure is shared by
      // every caller waiting on that token, so each gets its own copy with its own id.
      if (error instanceof KjoretoyregisterError) throw withRequestId(error, requestId);
      throw transportErrorFrom(error, call.signal);
    }
  }

  /**
   * One attempt, with the token rules of docs/contract.md#s9.1 counted across this call's attempts:
   * the first rejection evicts the token and tries again at once with a fresh one; the second is
   * handed to the retry table as retryable (a token Fiks has not yet seen as valid, right after
   * issue, is a known transient); the third is final, because by then the fault is not the token.
   */
  private async attemptWithRefresh(
    call: FiksCall,
    requestId: string,
    attempt: number,
    rejections: TokenRejections,
  ): Promise<FiksResult> {
    try {
      return await this.attemptOnce(call, requestId, attempt);
    } catch (error) {
      if (!(error instanceof FiksAuthenticationError) || error.kind !== 'token') throw error;
      rejections.count += 1;
      if (rejections.count === 1) {
        this.options.logger.info('fiks rejected the token; fetching a new one and retrying once', {
          route: call.route,
          requestId,
        });
        return this.attemptWithRefresh(call, requestId, attempt, rejections);
      }
      if (rejections.count === 2) throw retryableTokenRejection(error);
      throw error;
    }
  }

  private async attemptOnce(call: FiksCall, requestId: string, attempt: number): Promise<FiksResult> {
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
      // Evict only this token: a concurrent call may already hold a fresh one. Every rejected token
      // is evicted, so whichever attempt comes next (refresh or retry) starts from a fresh one.
      if (error instanceof FiksAuthenticationError && error.kind === 'token') tokenProvider.invalidate(token);
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
      // A cut or garbled 2xx body is a transport accident (proxy, reset mid-body), not an answer:
      // retryable under the table (retry-policy.ts). A body that parses but has the wrong shape is
      // read by the operation and stays final.
      throw new ResponseFormatError(`Kjøretøyregister answered ${response.status} with a body that is not JSON`, {
        status: response.status,
        requestId,
        retryable: true,
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

/** Token rejections seen so far by one call, across its attempts. */
interface TokenRejections {
  count: number;
}

/** The same rejection, marked for the retry table; a fresh instance, as each response creates its own. */
function retryableTokenRejection(error: FiksAuthenticationError): FiksAuthenticationError {
  return new FiksAuthenticationError(error.message, {
    kind: error.kind,
    status: error.status,
    requestId: error.requestId,
    errorId: error.errorId,
    svvguid: error.svvguid,
    details: error.details,
    retryable: true,
    cause: error,
  });
}

function combineSignals(timeout: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  return caller ? AbortSignal.any([timeout, caller]) : timeout;
}
