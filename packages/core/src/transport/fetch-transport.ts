import type { Dispatcher } from 'undici';
import { plainHeaders, transportErrorFrom } from './adapter-kit.js';
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
        throw transportErrorFrom(error, request.signal);
      }
      let body: string;
      try {
        body = await response.text();
      } catch (error) {
        // The connection died mid-body (reset, truncated chunked encoding).
        throw transportErrorFrom(error, request.signal);
      }
      return { status: response.status, headers: plainHeaders(response.headers), body };
    },
    async close(): Promise<void> {
      if (ownsDispatcher && ready) await (await ready).dispatcher.close();
    },
  };
}

function hasProxyEnv(env: Record<string, string | undefined>): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => !!env[name]);
}
