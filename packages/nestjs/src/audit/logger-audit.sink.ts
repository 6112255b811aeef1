import type { AuditCompletion, AuditEvent, AuditIntent, AuditSink } from '@kjoretoyregister/core';
import { redactText } from '@kjoretoyregister/core';
import { Logger } from '@nestjs/common';
import { AUDIT_LOGGER_CONTEXT } from '../kjoretoyregister.constants.js';

/**
 * The default sink when the app provides none: one log line per lookup. Logs are not an audit
 * store, so the line says who asked, why and what came back, but never the plates, VINs or search
 * values (`identifiers`, `query` values): those belong in the app's own `AUDIT_SINK` only
 * (docs/contract.md#s9.11 and docs/contract.md#s9.12). Both write-ahead phases are logged too, one
 * line each, so even the log shows a request whose process died before its answer.
 */
export function createLoggerAuditSink(logger: Pick<Logger, 'log'> = new Logger(AUDIT_LOGGER_CONTEXT)): AuditSink {
  return {
    begin(intent: AuditIntent): void {
      logger.log(describe('kjoretoyregister request intent', describeIntent(intent)));
    },
    complete(completion: AuditCompletion): void {
      logger.log(describe('kjoretoyregister request completed', describeCompletion(completion)));
    },
    write(event: AuditEvent): void {
      logger.log(describeAuditEvent(event));
    },
  };
}

type Fields = Record<string, string | number | undefined>;

function describeIntent(intent: AuditIntent): Fields {
  return {
    auditId: intent.auditId,
    requestId: intent.requestId,
    operation: intent.operation,
    actor: intent.actor,
    purpose: intent.purpose,
    legalBasis: intent.legalBasis,
    caseRef: intent.caseRef,
    identifiers: intent.identifiers.length,
    queryFields: intent.query ? Object.keys(intent.query).sort().join(',') : undefined,
  };
}

function describeCompletion(completion: AuditCompletion): Fields {
  const { outcome } = completion;
  return {
    auditId: completion.auditId,
    requestId: completion.requestId,
    operation: completion.operation,
    found: outcome.found,
    notFound: outcome.notFound,
    unavailable: outcome.unavailable,
    invalid: outcome.invalid,
    error: outcome.error,
    dataCategories: completion.dataCategories.join(',') || undefined,
    errorCode: completion.errorCode,
    errorId: completion.errorId,
    svvguid: completion.svvguid,
  };
}

/** The log-safe summary of an event. */
function describeAuditEvent(event: AuditEvent): string {
  const { outcome } = event;
  const fields: Fields = {
    operation: event.operation,
    actor: event.actor,
    purpose: event.purpose,
    legalBasis: event.legalBasis,
    caseRef: event.caseRef,
    identifiers: event.identifiers.length,
    queryFields: event.query ? Object.keys(event.query).sort().join(',') : undefined,
    found: outcome.found,
    notFound: outcome.notFound,
    unavailable: outcome.unavailable,
    invalid: outcome.invalid,
    error: outcome.error,
    dataCategories: event.dataCategories.join(',') || undefined,
    requestIds: event.requestIds.join(',') || undefined,
    errorCode: event.errorCode,
    errorId: event.errorId,
    svvguid: event.svvguid,
  };
  return describe('kjoretoyregister lookup', fields);
}

function describe(title: string, fields: Fields): string {
  const parts = [title];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${key}=${typeof value === 'string' ? JSON.stringify(redactText(value, 200)) : value}`);
  }
  return parts.join(' ');
}
