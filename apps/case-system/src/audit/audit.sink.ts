import type { AuditCompletion, AuditIntent, AuditSink } from '@kjoretoyregister/core';
import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../persistence/audit-log.repository.js';

/**
 * Core's write-ahead audit, stored in the append-only tables: `begin` commits the request's
 * intent (who, why, legal basis, case, identifiers, dtg, request id) to `audit_log` before core
 * sends it, and a failure there stops the request (core throws `AuditWriteError`, the worker
 * retries the job later); `complete` appends the outcome to `audit_completions` by the same
 * audit id. Identifiers go here and nowhere else: logs never see them.
 *
 * A batched lookup (one bulk request for many cases, each item naming its `caseRef`) arrives with
 * one `AuditCasePart` per case: each case gets its own intent row (its identifiers and dtg only,
 * the request's shared request id) and its own completion row (its own outcome), so a case's
 * audit trail, innsyn and case log show exactly the requests that concerned it.
 *
 * `write` (one event per call) stores nothing: every request the call sent already has its
 * intent and completion, so a row per call would count the same register request twice. A call
 * that sent nothing (refused before any request, e.g. because the intent could not be written)
 * disclosed nothing to the register; the job's `last_error` records why it did not run.
 */
@Injectable()
export class AuditLogSink implements AuditSink {
  constructor(private readonly audit: AuditLogRepository) {}

  begin(intent: AuditIntent): Promise<void> {
    return this.audit.appendIntent(intent);
  }

  complete(completion: AuditCompletion): Promise<void> {
    return this.audit.appendCompletion(completion);
  }

  write(): void {
    // Folded into the intents and completions above (see the class comment).
  }
}
