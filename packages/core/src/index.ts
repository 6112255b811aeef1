// Public surface of @kjoretoyregister/core: re-exports only.
export { createKjoretoyregisterClient, type ClientSummary, type KjoretoyregisterClient } from './client.js';
export * from './errors.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';

export { configFromEnv, ENV_VARS, OPTION_TO_ENV, type EnvVarName } from './config/from-env.js';
export {
  ClientOptionsSchema,
  KeyMaterialInputSchema,
  MaskinportenOptionsSchema,
  resolveOptions,
  type ClientOptions,
  type KeyMaterialOption,
  type MaskinportenOptions,
  type ResolvedOptions,
} from './config/options.js';
export * from './config/presets.js';

export * from './auth/index.js';
export type { AccessToken, TokenProvider } from './auth/token-provider.js';
export { fetchMaskinportenToken, isLoopbackUrl, type FetchMaskinportenTokenOptions } from './auth/fetch-token.js';

export type { Transport, TransportRequest, TransportResponse, HttpMethod } from './transport/transport.js';
export type { FiksCall, FiksRequester, FiksResult } from './transport/requester.js';
export { createFetchTransport, type FetchTransportOptions } from './transport/fetch-transport.js';
export { RETRYABLE_STATUSES } from './transport/retry-policy.js';
export { isTokenRejection } from './transport/error-factory.js';
export { bodyText, plainHeaders, transportErrorFrom } from './transport/adapter-kit.js';

export {
  FIKS_PROBE,
  fiksProbeUrl,
  PROBE_AUDIT_CONTEXT,
  PROBE_KJENNEMERKE,
  probeFiks,
  type FiksProbeResult,
  type ProbeFiksOptions,
} from './diagnostics/probe.js';
export {
  CONFIG_FIELDS,
  ENV_FIELD_NAMES,
  hintFor,
  maskinportenHint,
  OPTION_FIELD_NAMES,
  type ConfigField,
  type FieldNames,
  type HintContext,
} from './diagnostics/hints.js';

export * from './operations/index.js';
export * from './contract/normalise.js';
export * as contractAssumptions from './contract/assumptions.js';

export * from './schemas/index.js';
export * from './projections/index.js';

export type { Logger, LogFields, LogLevel } from './observability/logger.js';
export { silentLogger } from './observability/logger.js';
export { createConsoleLogger, type ConsoleLoggerOptions } from './observability/console-logger.js';
export { redactHeaders, redactText, redactUrl } from './observability/redact.js';
export type { AuditContext, AuditEvent, AuditOperation, AuditSink, DataCategory } from './observability/audit.js';
export { untilAborted } from './util/until-aborted.js';
