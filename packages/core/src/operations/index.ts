export {
  createAuditEmitter,
  type AuditEmitter,
  type AuditEmitterOptions,
  type AuditEventDraft,
} from './audit-emitter.js';
export { dataCategoriesOfKjoretoy, dataCategoriesOfKunder } from './audit-summary.js';
export type { BulkInput, BulkInputFor, BulkKind, KjennemerkeItem, KuidItem } from './bulk-input.js';
export { lookupBulk } from './bulk-lookup.js';
export type {
  FailedOutcome,
  FoundOutcome,
  InvalidOutcome,
  LookupOutcome,
  LookupStatus,
  NotFoundOutcome,
  UnavailableOutcome,
} from './lookup-outcome.js';
export {
  createOperationContext,
  type CallOptions,
  type OperationContext,
  type OperationContextInit,
} from './context.js';
export { sok, sokAll, sokPages, type KundeSokResult, type SokPage, type SokResult } from './search.js';
export {
  SOK_ENDPOINTS,
  validateSokParams,
  type Eiertype,
  type PagedSokEndpoint,
  type SokEndpoint,
  type SokPaging,
  type SokParams,
} from './search-params.js';
export { VIN_ROUTE, lookupUnderstellsnummer, type VinLookupResult } from './vin-lookup.js';
