import type { AuditEvent, AuditSink } from '@kjoretoyregister/core';
import { redactText } from '@kjoretoyregister/core';
import { Logger } from '@nestjs/common';
import { AUDIT_LOGGER_CONTEXT } from '../kjoretoyregister.constants.js';

/**
 * The default sink when the app provides none: one log line per lookup. Logs are not an audit
 * store, so the line says who asked, why and what came back, but never the plates, VINs or search
 * values (`identifiers`, `query` values): those belong in the app's own `AUDIT_SINK` only
 * (docs/contract.md#s9.11 and docs/contract.md#s9.12).
 */
export function createLoggerAuditSink(logger: Pick<Logger, 'log'> = new Logger(AUDIT_LOGGER_CONTEXT)): AuditSink {
  return {
    write(event: AuditEvent): void {
      logger.log(describeAuditEvent(event));
    },
  };
}

/** The log-safe summary of an event. */
function describeAuditEvent(event: AuditEvent): string {
  const { outcome } = event;
  const fields: Record<string, string | number | undefined> = {
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
  const parts = ['kjoretoyregister lookup'];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${key}=${typeof value === 'string' ? JSON.stringify(redactText(value, 200)) : value}`);
  }
  return parts.join(' ');
}
