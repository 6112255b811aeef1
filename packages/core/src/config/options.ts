import { z } from 'zod';
import type { TokenProvider } from '../auth/token-provider.js';
import type { Clock } from '../clock.js';
import { DEFAULT_MAX_BULK_SIZE, DEFAULT_SEARCH_PAGE_SIZE } from '../contract/assumptions.js';
import { ConfigurationError, type ConfigurationIssue } from '../errors.js';
import type { AuditSink } from '../observability/audit.js';
import type { Logger } from '../observability/logger.js';
import type { Sleep } from '../transport/resilience.js';
import type { Transport } from '../transport/transport.js';
import {
  DEFAULT_BULK_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_AFTER_CEILING_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_SCOPE,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_EXPIRY_MARGIN_MS,
  DEFAULT_TOKEN_TIMEOUT_MS,
  PRESETS,
  type Environment,
} from './presets.js';
import { insecureUrlMessage, isIssuerUrl, ISSUER_RULE_MESSAGE, mixedEnvironmentMessage } from './url-rules.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const orgnr = z.string().regex(/^\d{9}$/, 'must be a 9-digit organisation number');
const millis = z.int().min(0);
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Each string is inline PEM/JSON, base64, or (Node entry only) a file path (docs/contract.md#s9.6). */
export const KeyMaterialInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pkcs12'),
    pkcs12: z.union([nonEmpty, z.instanceof(Uint8Array)]),
    password: z.string(),
  }),
  z.strictObject({
    kind: z.literal('pem'),
    certificate: nonEmpty,
    privateKey: nonEmpty,
    passphrase: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('key'),
    kid: nonEmpty,
    privateKey: nonEmpty.optional(),
    passphrase: z.string().optional(),
    jwk: z.union([nonEmpty, z.record(z.string(), z.unknown())]).optional(),
  }),
]);
export type KeyMaterialOption = z.input<typeof KeyMaterialInputSchema>;

/**
 * The `maskinporten` option. Also validates `fetchMaskinportenToken` (auth/fetch-token.ts), so a
 * one-shot token fetch accepts exactly what the client accepts.
 */
export const MaskinportenOptionsSchema = z.strictObject({
  clientId: nonEmpty,
  scope: z.union([nonEmpty, z.array(nonEmpty).min(1)]).optional(),
  /** Overrides the preset; must end with '/' (it is the grant audience, docs/contract.md#s2.1). */
  issuer: url.refine(isIssuerUrl, ISSUER_RULE_MESSAGE).optional(),
  tokenUrl: url.optional(),
  consumerOrg: orgnr.optional(),
  resource: nonEmpty.optional(),
  keyMaterial: KeyMaterialInputSchema,
  expiryMarginMs: millis.optional(),
  timeoutMs: z.int().positive().optional(),
});
export type MaskinportenOptions = z.input<typeof MaskinportenOptionsSchema>;
export type ParsedMaskinportenOptions = z.output<typeof MaskinportenOptionsSchema>;

export const EnvironmentSchema = z.enum(['test', 'prod']).default('test');

const AuditContextSchema = z.strictObject({
  actor: nonEmpty.optional(),
  purpose: nonEmpty.optional(),
  legalBasis: nonEmpty.optional(),
  caseRef: nonEmpty.optional(),
});

const isObjectWith = (method: string) => (value: unknown) =>
  !!value && typeof value === 'object' && typeof (value as Record<string, unknown>)[method] === 'function';

export const TransportOptionSchema = z.custom<Transport>(isObjectWith('send'), 'must implement send(request)');
export const ClockOptionSchema = z.custom<Clock>(isObjectWith('now'), 'must implement now()');

type UrlToCheck = readonly [path: string[], value: string | undefined];

/** The Maskinporten URLs the https-unless-loopback rule applies to, with their option paths. */
export function maskinportenUrls(maskinporten: { issuer?: string; tokenUrl?: string } | undefined): UrlToCheck[] {
  return [
    [['maskinporten', 'issuer'], maskinporten?.issuer],
    [['maskinporten', 'tokenUrl'], maskinporten?.tokenUrl],
  ];
}

/** One issue per URL that is plain http to a host other than loopback (config/url-rules.ts). */
export function addInsecureUrlIssues(
  ctx: z.RefinementCtx,
  urls: readonly UrlToCheck[],
  allowInsecureHttp: boolean,
): void {
  for (const [path, value] of urls) {
    const message = value === undefined ? undefined : insecureUrlMessage(value, allowInsecureHttp);
    if (message) ctx.addIssue({ code: 'custom', path, message });
  }
}

/**
 * One issue per TEST/PROD URL that does not belong to `environment` (config/url-rules.ts). The
 * issue carries `params.mixedEnvironment` so `configFromEnv` can name both fields by variable.
 */
export function addMixedEnvironmentIssues(
  ctx: z.RefinementCtx,
  urls: readonly UrlToCheck[],
  environment: Environment,
  allowMixedEnvironments: boolean,
): void {
  if (allowMixedEnvironments) return;
  for (const [path, value] of urls) {
    const message = value === undefined ? undefined : mixedEnvironmentMessage(value, environment, 'environment');
    if (message) ctx.addIssue({ code: 'custom', path, message, params: { mixedEnvironment: true } });
  }
}

export const ClientOptionsSchema = z
  .strictObject({
    /** Preset first: sets Fiks host and Maskinporten issuer/token URL together. */
    environment: EnvironmentSchema,
    fiksApiUrl: url.optional(),
    fiksOrgId: z.uuid('must be a UUID (Fiks organisation id)'),
    integrasjonId: z.uuid('must be a UUID (Fiks integration id)'),
    integrasjonPassord: nonEmpty,
    /** Required unless a `tokenProvider` is injected (e.g. an adapter that authenticates itself). */
    maskinporten: MaskinportenOptionsSchema.optional(),
    timeoutMs: z.int().positive().default(DEFAULT_TIMEOUT_MS),
    maxAttempts: z.int().min(1).max(10).default(DEFAULT_MAX_ATTEMPTS),
    retryBaseDelayMs: millis.default(DEFAULT_RETRY_BASE_DELAY_MS),
    retryMaxDelayMs: millis.default(DEFAULT_RETRY_MAX_DELAY_MS),
    retryAfterCeilingMs: millis.default(DEFAULT_RETRY_AFTER_CEILING_MS),
    /** Bulk POSTs are retried only when set: a retried POST may spend quota twice (docs/contract.md#s9.9). */
    retryBulkPost: z.boolean().default(false),
    maxBulkSize: z.int().min(1).max(10_000).default(DEFAULT_MAX_BULK_SIZE),
    concurrency: z.int().min(1).max(64).default(DEFAULT_BULK_CONCURRENCY),
    searchPageSize: z.int().min(1).max(10_000).default(DEFAULT_SEARCH_PAGE_SIZE),
    circuitBreaker: z
      .union([z.literal(false), z.strictObject({ consecutiveFailures: z.int().min(1), halfOpenAfterMs: millis })])
      .default(false),
    proxy: z.union([z.literal('env'), z.literal(false)]).default('env'),
    /** Plain http:// is accepted for loopback only, unless this is set. */
    allowInsecureHttp: z.boolean().default(false),
    /**
     * A TEST endpoint with `environment: 'prod'` (or a PROD one with 'test') is refused unless this
     * is set; loopback and other custom hosts are neither and never count as mixed.
     */
    allowMixedEnvironments: z.boolean().default(false),
    requireAuditContext: z.boolean().default(false),
    defaultAuditContext: AuditContextSchema.optional(),
    transport: TransportOptionSchema.optional(),
    tokenProvider: z.custom<TokenProvider>(isObjectWith('getToken'), 'must implement getToken()').optional(),
    logger: z.custom<Logger>(isObjectWith('warn'), 'must implement debug/info/warn/error').optional(),
    auditSink: z.custom<AuditSink>(isObjectWith('write'), 'must implement write(event)').optional(),
    clock: ClockOptionSchema.optional(),
    /** Backoff waits; required on the host entry, a timer on the Node entry. */
    sleep: z
      .custom<Sleep>((value) => typeof value === 'function', 'must be a function (ms, signal) => Promise<void>')
      .optional(),
  })
  .superRefine((options, ctx) => {
    if (!options.maskinporten && !options.tokenProvider) {
      ctx.addIssue({ code: 'custom', path: ['maskinporten'], message: 'is required (or inject a tokenProvider)' });
    }
    const urls: UrlToCheck[] = [[['fiksApiUrl'], options.fiksApiUrl], ...maskinportenUrls(options.maskinporten)];
    addInsecureUrlIssues(ctx, urls, options.allowInsecureHttp);
    addMixedEnvironmentIssues(ctx, urls, options.environment, options.allowMixedEnvironments);
  });

export type ClientOptions = z.input<typeof ClientOptionsSchema>;
export type ParsedClientOptions = z.output<typeof ClientOptionsSchema>;

export interface ResolvedOptions extends ParsedClientOptions {
  fiksApiUrl: string;
  maskinportenIssuer: string;
  maskinportenTokenUrl: string;
  scope: string[];
  tokenExpiryMarginMs: number;
  tokenTimeoutMs: number;
}

/** Validates once, listing every problem, then applies the preset under the overrides. */
export function resolveOptions(input: ClientOptions): ResolvedOptions {
  const parsed = ClientOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ConfigurationError(issuesFromZod(parsed.error));
  const options = parsed.data;
  const preset = PRESETS[options.environment as Environment];
  const maskinporten = resolveMaskinporten(options.maskinporten, options.environment);
  return {
    ...options,
    fiksApiUrl: (options.fiksApiUrl ?? preset.fiksApiUrl).replace(/\/+$/, ''),
    maskinportenIssuer: maskinporten.issuer,
    maskinportenTokenUrl: maskinporten.tokenUrl,
    scope: maskinporten.scope,
    tokenExpiryMarginMs: maskinporten.expiryMarginMs,
    tokenTimeoutMs: maskinporten.timeoutMs,
  };
}

export interface ResolvedMaskinporten {
  issuer: string;
  tokenUrl: string;
  scope: string[];
  expiryMarginMs: number;
  timeoutMs: number;
}

/** The preset under the `maskinporten` overrides; shared by the client and `fetchMaskinportenToken`. */
export function resolveMaskinporten(
  maskinporten: ParsedMaskinportenOptions | undefined,
  environment: Environment,
): ResolvedMaskinporten {
  const preset = PRESETS[environment];
  const scope = maskinporten?.scope ?? DEFAULT_SCOPE;
  return {
    issuer: maskinporten?.issuer ?? preset.maskinportenIssuer,
    tokenUrl: maskinporten?.tokenUrl ?? preset.maskinportenTokenUrl,
    scope: Array.isArray(scope) ? scope : scope.split(/\s+/).filter(Boolean),
    expiryMarginMs: maskinporten?.expiryMarginMs ?? DEFAULT_TOKEN_EXPIRY_MARGIN_MS,
    timeoutMs: maskinporten?.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
  };
}

export function issuesFromZod(error: z.ZodError): ConfigurationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(options)',
    message: issue.code === 'unrecognized_keys' ? `unknown option(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}
