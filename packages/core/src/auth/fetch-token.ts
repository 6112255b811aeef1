/**
 * A one-shot Maskinporten token for hosts that keep the token themselves (n8n stores it in the
 * credential's expirable field). Validated by the client's own `maskinporten` schema, then the same
 * steps the client's token provider runs (token-steps.ts); nothing is cached here.
 */

import { z } from 'zod';
import { systemClock, type Clock } from '../clock.js';
import {
  addInsecureUrlIssues,
  addMixedEnvironmentIssues,
  ClockOptionSchema,
  EnvironmentSchema,
  issuesFromZod,
  MaskinportenOptionsSchema,
  maskinportenUrls,
  resolveMaskinporten,
  TransportOptionSchema,
  type MaskinportenOptions,
} from '../config/options.js';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Transport } from '../transport/transport.js';
import type { ReadKeyFile } from './key-source.js';
import type { TokenResponse } from './token-client.js';
import { loadConfiguredKey, runTokenSteps } from './token-steps.js';

export { isLoopbackUrl } from '../config/url-rules.js';

export interface FetchMaskinportenTokenOptions {
  /** Exactly the client's `maskinporten` option (`ClientOptions['maskinporten']`, required here). */
  maskinporten: MaskinportenOptions;
  /** Picks issuer and token URL when `maskinporten` does not set them, like the client. Default `'test'`. */
  environment?: 'test' | 'prod';
  /** Plain http is accepted for loopback only, unless this is set (as the client option of that name). */
  allowInsecureHttp?: boolean;
  /** A TEST issuer or token URL with `environment: 'prod'` (or the reverse) is refused unless this is set. */
  allowMixedEnvironments?: boolean;
  transport: Transport;
  clock?: Clock;
  /** Aborts this fetch; `maskinporten.timeoutMs` (default 10 s) bounds it in any case. */
  signal?: AbortSignal;
  /** Duration and outcome of the POST, never the grant or the token. */
  logger?: Logger;
}

/**
 * The client's rules for these fields, and nothing else: the option shape, the issuer rule
 * (docs/contract.md#s2.1) and https-unless-loopback. Issue paths are the client's
 * (`maskinporten.clientId`, …), which `hintFor`'s field names map to each host's own.
 */
const FetchTokenOptionsSchema = z
  .strictObject({
    maskinporten: MaskinportenOptionsSchema,
    environment: EnvironmentSchema,
    allowInsecureHttp: z.boolean().default(false),
    allowMixedEnvironments: z.boolean().default(false),
    transport: TransportOptionSchema,
    clock: ClockOptionSchema.optional(),
  })
  .superRefine((options, ctx) => {
    addInsecureUrlIssues(ctx, maskinportenUrls(options.maskinporten), options.allowInsecureHttp);
    addMixedEnvironmentIssues(
      ctx,
      maskinportenUrls(options.maskinporten),
      options.environment,
      options.allowMixedEnvironments,
    );
  });

/**
 * Validate → load key → sign grant → request token. Invalid options throw one
 * `ConfigurationError` listing every problem; Maskinporten's refusals are `MaskinportenError`s and
 * failures without an answer `TransportError`s, exactly as from the client (docs/contract.md#s2.7).
 * This is the host entry's: key material must be inline (the Node entry's also reads key files).
 */
export function fetchMaskinportenToken(options: FetchMaskinportenTokenOptions): Promise<TokenResponse> {
  return fetchMaskinportenTokenWith(options, undefined);
}

/** The one implementation; `readFile` is what the Node entry adds (node/key-files.ts). */
export async function fetchMaskinportenTokenWith(
  options: FetchMaskinportenTokenOptions,
  readFile: ReadKeyFile | undefined,
): Promise<TokenResponse> {
  const { signal, logger, ...validated } = options;
  const parsed = FetchTokenOptionsSchema.safeParse(validated);
  if (!parsed.success) throw new ConfigurationError(issuesFromZod(parsed.error));
  const { maskinporten, environment, transport } = parsed.data;
  const clock = parsed.data.clock ?? systemClock;
  const resolved = resolveMaskinporten(maskinporten, environment);
  return runTokenSteps({
    loadKey: () => loadConfiguredKey(maskinporten.keyMaterial, clock, readFile),
    clientId: maskinporten.clientId,
    scope: resolved.scope,
    issuer: resolved.issuer,
    tokenUrl: resolved.tokenUrl,
    consumerOrg: maskinporten.consumerOrg,
    resource: maskinporten.resource,
    transport,
    clock,
    timeoutMs: resolved.timeoutMs,
    signal,
    logger,
  });
}
