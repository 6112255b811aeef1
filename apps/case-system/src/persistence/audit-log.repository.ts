import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@kjoretoyregister/core';
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type SqlBool } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { AuditLogTable } from './schema.js';

export type AuditLogRow = Selectable<AuditLogTable>;

/** Append and read; there is deliberately no update or delete (the table refuses them too). */
@Injectable()
export class AuditLogRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  async append(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        occurred_at: new Date(event.timestamp),
        actor: event.actor ?? null,
        purpose: event.purpose ?? null,
        legal_basis: event.legalBasis ?? null,
        case_ref: event.caseRef ?? null,
        fiks_org_id: event.fiksOrgId,
        operation: event.operation,
        identifiers: JSON.stringify(event.identifiers),
        dtg: JSON.stringify(event.dtg ?? []),
        outcome: JSON.stringify(event.outcome),
        result: resultOf(event.outcome),
        data_categories: JSON.stringify(event.dataCategories),
        request_ids: JSON.stringify(event.requestIds),
        error_id: event.errorId ?? null,
        svvguid: event.svvguid ?? null,
        error_code: event.errorCode ?? null,
      })
      .execute();
  }

  async forCase(caseRef: string): Promise<AuditLogRow[]> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('case_ref', '=', caseRef)
      .orderBy('occurred_at')
      .orderBy('logged_at')
      .execute();
  }

  /** Every lookup that queried one of `identifiers`, or was made for one of `caseRefs`. */
  async touching(identifiers: string[], caseRefs: string[]): Promise<AuditLogRow[]> {
    if (identifiers.length === 0 && caseRefs.length === 0) return [];
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        eb.or([
          ...identifiers.map((identifier) => sql<SqlBool>`identifiers @> ${JSON.stringify([identifier])}::jsonb`),
          ...(caseRefs.length > 0 ? [eb('case_ref', 'in', caseRefs)] : []),
        ]),
      )
      .orderBy('occurred_at')
      .execute();
  }
}

/** One word per call: the strongest result among the (usually single) items. */
function resultOf(outcome: AuditEvent['outcome']): string {
  if (outcome.found > 0) return 'found';
  if (outcome.error > 0) return 'error';
  if (outcome.unavailable > 0) return 'unavailable';
  if (outcome.invalid > 0) return 'invalid';
  if (outcome.notFound > 0) return 'not_found';
  return 'none';
}
