import type { AuditEvent, AuditSink } from '@kjoretoyregister/core';
import { Injectable } from '@nestjs/common';
import { OppslagLoggRepository } from '../persistence/oppslag-logg.repository.js';

/**
 * Core emits one `AuditEvent` per register call (who, why, legal basis, case, identifiers, dtg,
 * outcome, data categories, request ids, errorId/svvguid); this writes each to the append-only
 * `oppslag_logg` table. Identifiers go here and nowhere else: logs never see them.
 */
@Injectable()
export class OppslagLoggSink implements AuditSink {
  constructor(private readonly logg: OppslagLoggRepository) {}

  write(event: AuditEvent): Promise<void> {
    return this.logg.append(event);
  }
}
