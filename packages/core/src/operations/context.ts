/**
 * What every operation receives: the request seam, the tuning knobs and the audit emitter. The
 * client builds one per instance; tests build one around an in-process requester.
 */

import { DEFAULT_MAX_BULK_SIZE, DEFAULT_SEARCH_PAGE_SIZE } from '../contract/assumptions.js';
import { DEFAULT_BULK_CONCURRENCY } from '../config/presets.js';
import { ConfigurationError, type ConfigurationIssue } from '../errors.js';
import type { AuditContext } from '../observability/audit.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { FiksRequester } from '../transport/requester.js';
import { createAuditEmitter, type AuditEmitter } from './audit-emitter.js';

export interface OperationContext {
  requester: FiksRequester;
  fiksOrgId: string;
  /** CONTRACT-ASSUMPTION (c): items per bulk POST. */
  maxBulkSize: number;
  /** Bulk chunks in flight at once. */
  concurrency: number;
  /** CONTRACT-ASSUMPTION (g): `antall` sent when the caller gives none. */
  searchPageSize: number;
  /** docs/contract.md#s9.9: a retried bulk POST may spend quota twice, so retries are opt-in. */
  retryBulkPost: boolean;
  logger: Logger;
  audit: AuditEmitter;
}

export interface CallOptions {
  /** Point in time to look up (docs/contract.md#s4.7); bulk items with their own `dtg` keep theirs. */
  dtg?: Date | string;
  /** Who asks, why and on what legal basis; merged over the client's default context. */
  audit?: Partial<AuditContext>;
  signal?: AbortSignal;
  /** Bulk only: called after each chunk with settled inputs and the input count. */
  onProgress?: (done: number, total: number) => void;
}

export interface OperationContextInit {
  requester: FiksRequester;
  fiksOrgId: string;
  maxBulkSize?: number;
  concurrency?: number;
  searchPageSize?: number;
  retryBulkPost?: boolean;
  logger?: Logger;
  audit?: AuditEmitter;
}

/** Fills defaults from the named constants and rejects non-positive sizes, listing every problem. */
export function createOperationContext(init: OperationContextInit): OperationContext {
  const logger = init.logger ?? silentLogger;
  const context: OperationContext = {
    requester: init.requester,
    fiksOrgId: init.fiksOrgId,
    maxBulkSize: init.maxBulkSize ?? DEFAULT_MAX_BULK_SIZE,
    concurrency: init.concurrency ?? DEFAULT_BULK_CONCURRENCY,
    searchPageSize: init.searchPageSize ?? DEFAULT_SEARCH_PAGE_SIZE,
    retryBulkPost: init.retryBulkPost ?? false,
    logger,
    audit: init.audit ?? createAuditEmitter({ requireAuditContext: false, fiksOrgId: init.fiksOrgId, logger }),
  };
  const issues: ConfigurationIssue[] = [];
  for (const key of ['maxBulkSize', 'concurrency', 'searchPageSize'] as const) {
    if (!Number.isInteger(context[key]) || context[key] < 1) {
      issues.push({ path: key, message: 'must be a positive integer' });
    }
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
  return context;
}
