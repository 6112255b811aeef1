import type { Dispatcher } from 'undici';
import { KjoretoyregisterError, TransportError } from '../errors.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

export interface FetchTransportOptions {
  /**
   * `'env'` (default) honours `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` when set: Node's own fetch
   * ignores them, which is how clients that work on a laptop time out inside municipal networks
   * (docs/contract.md#s9.15). `false` never uses a proxy.
   */
  proxy?: 'env' | false;
  /** Environment to read proxy variables from (defaults to `process.env`). */
  env?: Record<string, string | undefined>;
  /** Idle keep-alive sockets are closed after this long. */
  keepAliveTimeoutMs?: number;
  /** A ready dispatcher (e.g. a custom undici Agent); overrides `proxy`. */
  dispatcher?: Dispatcher;
}

/**
 * The default transport: undici's fetch over a keep-alive agent we own, so `close()` can release
 * the sockets (no open handles after shutdown).
 */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  const env = options.env ?? process.env;
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 10_000;
  const useProxy = options.proxy !== false && hasProxyEnv(env);
  const ownsDispatcher = options.dispatcher === undefined;
  // undici is loaded on first use: adapters that bring their own transport (n8n bundles core)
  // never load it.
  let ready: Promise<{ fetch: typeof import('undici').fetch; dispatcher: Dispatcher }> | undefined;
  const load = () =>
    (ready ??= import('undici').then((undici) => ({
      fetch: undici.fetch,
      dispatcher:
        options.dispatcher ??
        (useProxy
          ? new undici.EnvHttpProxyAgent({
              httpProxy: env['HTTP_PROXY'] ?? env['http_proxy'],
              httpsProxy: env['HTTPS_PROXY'] ?? env['https_proxy'],
              noProxy: env['NO_PROXY'] ?? env['no_proxy'],
              keepAliveTimeout,
            })
          : new undici.Agent({ keepAliveTimeout })),
    })));

  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const { fetch, dispatcher } = await load();
      let response: Awaited<ReturnType<typeof fetch>>;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: request.signal,
          dispatcher,
          redirect: 'manual',
        });
      } catch (error) {
        throw toTransportError(error, request.signal);
      }
      let body: string;
      try {
        body = await response.text();
      } catch (error) {
        // The connection died mid-body (reset, truncated chunked encoding).
        throw toTransportError(error, request.signal);
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: response.status, headers, body };
    },
    async close(): Promise<void> {
      if (ownsDispatcher && ready) await (await ready).dispatcher.close();
    },
  };
}

function hasProxyEnv(env: Record<string, string | undefined>): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => !!env[name]);
}

/** Network, timeout or abort: the three ways a request ends without an HTTP answer. */
export function toTransportError(error: unknown, signal: AbortSignal | undefined): KjoretoyregisterError {
  if (error instanceof KjoretoyregisterError) return error;
  const reason: unknown = signal?.aborted ? signal.reason : undefined;
  if (isNamed(reason, 'TimeoutError') || isNamed(error, 'TimeoutError')) {
    return new TransportError('Request timed out', { failure: 'timeout', cause: error });
  }
  if (signal?.aborted || isNamed(error, 'AbortError')) {
    return new TransportError('Request aborted', { failure: 'aborted', cause: error });
  }
  const code = networkCode(error);
  return new TransportError(`Network error${code ? ` (${code})` : ''}`, { failure: 'network', cause: error });
}

function isNamed(value: unknown, name: string): boolean {
  return !!value && typeof value === 'object' && (value as { name?: unknown }).name === name;
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
