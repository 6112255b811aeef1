// What both entries export, listed once: everything that needs no file system, no timers of its
// own, no `process` and no console. index.ts (Node) and host.ts (hosts that own the I/O) re-export
// this and add their own `createKjoretoyregisterClient`, `fetchMaskinportenToken` and `loadKeyMaterial`.
export type { ClientSummary, HostClientOptions, KjoretoyregisterClient } from './client-core.js';
export * from './errors.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';

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
export { isLoopbackUrl, type FetchMaskinportenTokenOptions } from './auth/fetch-token.js';
export { environmentOfUrl } from './config/url-rules.js';

export type { Transport, TransportRequest, TransportResponse, HttpMethod } from './transport/transport.js';
export type { FiksCall, FiksRequester, FiksResult } from './transport/requester.js';
export type { Sleep } from './transport/resilience.js';
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
export { redactHeaders, redactText, redactUrl } from './observability/redact.js';
export type {
  AuditCasePart,
  AuditCaseResult,
  AuditCompletion,
  AuditContext,
  AuditEvent,
  AuditIntent,
  AuditOperation,
  AuditOutcome,
  AuditSink,
  DataCategory,
} from './observability/audit.js';
export type { BulkInput, KjennemerkeItem, KuidItem } from './operations/bulk-input.js';
export { untilAborted } from './util/until-aborted.js';
