import type { AuditEvent, AuditSink } from '@kjoretoyregister/core';
import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../persistence/audit-log.repository.js';

/**
 * Core emits one `AuditEvent` per register call (who, why, legal basis, case, identifiers, dtg,
 * outcome, data categories, request ids, errorId/svvguid); this writes each to the append-only
 * `audit_log` table. Identifiers go here and nowhere else: logs never see them.
 */
@Injectable()
export class AuditLogSink implements AuditSink {
  constructor(private readonly audit: AuditLogRepository) {}

  write(event: AuditEvent): Promise<void> {
    return this.audit.append(event);
  }
}
