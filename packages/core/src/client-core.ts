/**
 * The client, wired without anything the platform must provide: transport, sleep and (for key
 * files) a file reader come in through `ClientPlatform`. The host entry (host.ts) requires them as
 * options; the Node entry (client.ts) fills them with Node defaults. One wiring, two entries.
 */

import type { KeyMaterial } from './auth/key-material.js';
import type { ReadKeyFile } from './auth/key-source.js';
import { LazyTokenProvider } from './auth/lazy-token-provider.js';
import type { AccessToken, TokenProvider } from './auth/token-provider.js';
import { systemClock, type Clock } from './clock.js';
import { KJORETOYREGISTER_BASE_PATH, SVV_PATH_PREFIX } from './config/presets.js';
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './config/options.js';
import { ConfigurationError } from './errors.js';
import { silentLogger, type Logger } from './observability/logger.js';
import { createAuditEmitter } from './operations/audit-emitter.js';
import { lookupBulk } from './operations/bulk-lookup.js';
import type { BulkInput } from './operations/bulk-input.js';
import type { CallOptions, OperationContext } from './operations/context.js';
import type { LookupOutcome } from './operations/lookup-outcome.js';
import {
  sok,
  sokAll,
  sokPages,
  type SokEndpoint,
  type SokPage,
  type SokParams,
  type SokResult,
} from './operations/search.js';
import { lookupUnderstellsnummer, type VinLookupResult } from './operations/vin-lookup.js';
import type { KjoretoyResponse } from './schemas/index.js';
import { FiksPipeline } from './transport/pipeline.js';
import { CircuitBreaker, type Sleep } from './transport/resilience.js';
import { isRetryableFailure } from './transport/retry-policy.js';
import type { Transport } from './transport/transport.js';

export interface KjoretoyregisterClient {
  /** Non-secret view of the effective configuration, for diagnostics. */
  readonly config: ClientSummary;
  /** B1: any number of plates, each with an optional `dtg`; one outcome per input, in input order. */
  lookupKjennemerke(items: ReadonlyArray<BulkInput>, options?: CallOptions): Promise<LookupOutcome[]>;
  /** B2: any number of kuid, each with an optional `dtg`; one outcome per input, in input order. */
  lookupKuid(items: ReadonlyArray<BulkInput>, options?: CallOptions): Promise<LookupOutcome[]>;
  /** B3: a VIN can match several vehicles; the result is always a list. */
  lookupUnderstellsnummer(understellsnummer: string, options?: CallOptions): Promise<VinLookupResult>;
  /** One page of a `sok/*` search. */
  sok<E extends SokEndpoint>(endpoint: E, params: SokParams[E], options?: CallOptions): Promise<SokResult<E>>;
  /** Every page of an S1–S6 search, fetched as you iterate. */
  sokPages<E extends Exclude<SokEndpoint, 'kunde'>>(
    endpoint: E,
    params: SokParams[E],
    options?: CallOptions,
  ): AsyncIterable<SokPage>;
  /** Every hit of an S1–S6 search. */
  sokAll<E extends Exclude<SokEndpoint, 'kunde'>>(
    endpoint: E,
    params: SokParams[E],
    options?: CallOptions,
  ): Promise<KjoretoyResponse[]>;
  /** A (cached) Maskinporten access token; for diagnostics such as `kjoretoy token`. */
  getAccessToken(options?: { signal?: AbortSignal }): Promise<AccessToken>;
  /** Loads and checks the configured key material without calling anyone. */
  loadKeyMaterial(): Promise<KeyMaterial>;
  /** Evicts the cached token. */
  invalidateToken(): void;
  /** Releases sockets and timers. */
  close(): Promise<void>;
}

export interface ClientSummary {
  environment: 'test' | 'prod';
  fiksApiUrl: string;
  baseUrl: string;
  fiksOrgId: string;
  integrasjonId: string;
  maskinportenIssuer: string;
  maskinportenTokenUrl: string;
  clientId?: string;
  scope: string[];
  consumerOrg?: string;
  maxBulkSize: number;
  concurrency: number;
}

/**
 * The host entry's options: `transport` and `sleep` are required, since a host that owns the I/O
 * (n8n, an edge runtime) has its own HTTP client and scheduler; `clock` defaults to `Date.now`,
 * `logger` to silence. Key material must be inline (PEM text, bytes or base64, a JWK).
 */
export type HostClientOptions = Omit<ClientOptions, 'transport' | 'sleep'> & { transport: Transport; sleep: Sleep };

/** The host entry's client: nothing read from disk, no timers of its own, no `process`. */
export function createKjoretoyregisterClient(options: HostClientOptions): KjoretoyregisterClient {
  return buildClient(options, {});
}

/** What an entry point supplies when the options leave it out. */
export interface ClientPlatform {
  /** A transport the client then owns (and closes); without it `transport` is a required option. */
  createTransport?: (options: ResolvedOptions) => Transport;
  /** Without it `sleep` is a required option. */
  sleep?: Sleep;
  /** Reads key material given as a file path; without it only inline key material is accepted. */
  readKeyFile?: ReadKeyFile;
}

/**
 * Wires configuration, auth, transport and operations. Throws `ConfigurationError` listing every
 * problem if the options are wrong; key material is loaded on the first call that needs a token.
 */
export function buildClient(input: ClientOptions, platform: ClientPlatform): KjoretoyregisterClient {
  const options = resolveOptions(input);
  const sleep = options.sleep ?? platform.sleep;
  const ownsTransport = options.transport === undefined;
  const transport = options.transport ?? platform.createTransport?.(options);
  if (!transport || !sleep) {
    const missing = [...(transport ? [] : ['transport']), ...(sleep ? [] : ['sleep'])];
    throw new ConfigurationError(
      missing.map((path) => ({ path, message: 'is required on the host entry (@kjoretoyregister/core/host)' })),
    );
  }
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const tokenProvider =
    options.tokenProvider ?? createTokenProvider(options, transport, clock, logger, platform.readKeyFile);
  const baseUrl = `${options.fiksApiUrl}${KJORETOYREGISTER_BASE_PATH}/${encodeURIComponent(options.fiksOrgId)}${SVV_PATH_PREFIX}`;
  const retry = {
    maxAttempts: options.maxAttempts,
    baseDelayMs: options.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs,
    retryAfterCeilingMs: options.retryAfterCeilingMs,
  };
  const breaker = options.circuitBreaker
    ? new CircuitBreaker({
        consecutiveFailures: options.circuitBreaker.consecutiveFailures,
        halfOpenAfterMs: options.circuitBreaker.halfOpenAfterMs,
        counts: (error) => isRetryableFailure(error, retry),
        clock,
      })
    : undefined;
  let closing: Promise<void> | undefined;
  const requester = new FiksPipeline({
    transport,
    tokenProvider,
    baseUrl,
    integrasjonId: options.integrasjonId,
    integrasjonPassord: options.integrasjonPassord,
    timeoutMs: options.timeoutMs,
    retry,
    logger,
    clock,
    sleep,
    circuitBreaker: breaker,
  });
  const context: OperationContext = {
    requester,
    fiksOrgId: options.fiksOrgId,
    maxBulkSize: options.maxBulkSize,
    concurrency: options.concurrency,
    searchPageSize: options.searchPageSize,
    retryBulkPost: options.retryBulkPost,
    logger,
    audit: createAuditEmitter({
      sink: options.auditSink,
      requireAuditContext: options.requireAuditContext,
      defaultContext: options.defaultAuditContext,
      fiksOrgId: options.fiksOrgId,
      logger,
      clock,
    }),
  };

  return {
    config: summarise(options, baseUrl),
    lookupKjennemerke: (items, callOptions = {}) => lookupBulk(context, 'kjennemerke', items, callOptions),
    lookupKuid: (items, callOptions = {}) => lookupBulk(context, 'kuid', items, callOptions),
    lookupUnderstellsnummer: (vin, callOptions = {}) => lookupUnderstellsnummer(context, vin, callOptions),
    sok: (endpoint, params, callOptions = {}) => sok(context, endpoint, params, callOptions),
    sokPages: (endpoint, params, callOptions = {}) => sokPages(context, endpoint, params, callOptions),
    sokAll: (endpoint, params, callOptions = {}) => sokAll(context, endpoint, params, callOptions),
    getAccessToken: (tokenOptions) => tokenProvider.getToken(tokenOptions),
    async loadKeyMaterial() {
      if (tokenProvider instanceof LazyTokenProvider) return tokenProvider.keyMaterial();
      throw new ConfigurationError([
        { path: 'tokenProvider', message: 'an injected token provider has no key material to load' },
      ]);
    },
    invalidateToken: () => tokenProvider.invalidate(),
    close() {
      // Idempotent: Nest shutdown hooks and user code may both close the client.
      closing ??= ownsTransport ? Promise.resolve(transport.close?.()) : Promise.resolve();
      return closing;
    },
  };
}

function createTokenProvider(
  options: ResolvedOptions,
  transport: Transport,
  clock: Clock,
  logger: Logger,
  readFile: ReadKeyFile | undefined,
): TokenProvider {
  const maskinporten = options.maskinporten;
  if (!maskinporten) throw new ConfigurationError([{ path: 'maskinporten', message: 'is required' }]);
  return new LazyTokenProvider({
    keyMaterial: maskinporten.keyMaterial,
    clientId: maskinporten.clientId,
    scope: options.scope,
    issuer: options.maskinportenIssuer,
    tokenUrl: options.maskinportenTokenUrl,
    consumerOrg: maskinporten.consumerOrg,
    resource: maskinporten.resource,
    transport,
    clock,
    expiryMarginMs: options.tokenExpiryMarginMs,
    timeoutMs: options.tokenTimeoutMs,
    logger,
    readFile,
  });
}

function summarise(options: ResolvedOptions, baseUrl: string): ClientSummary {
  return {
    environment: options.environment,
    fiksApiUrl: options.fiksApiUrl,
    baseUrl,
    fiksOrgId: options.fiksOrgId,
    integrasjonId: options.integrasjonId,
    maskinportenIssuer: options.maskinportenIssuer,
    maskinportenTokenUrl: options.maskinportenTokenUrl,
    clientId: options.maskinporten?.clientId,
    scope: options.scope,
    consumerOrg: options.maskinporten?.consumerOrg,
    maxBulkSize: options.maxBulkSize,
    concurrency: options.concurrency,
  };
}
