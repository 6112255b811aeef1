import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@kjoretoyregister/core';
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type SqlBool } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { OppslagLoggTable } from './schema.js';

export type OppslagLoggRow = Selectable<OppslagLoggTable>;

/** Append and read; there is deliberately no update or delete (the table refuses them too). */
@Injectable()
export class OppslagLoggRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  async append(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto('oppslag_logg')
      .values({
        id: randomUUID(),
        tidspunkt: new Date(event.timestamp),
        actor: event.actor ?? null,
        purpose: event.purpose ?? null,
        legal_basis: event.legalBasis ?? null,
        case_ref: event.caseRef ?? null,
        fiks_org_id: event.fiksOrgId,
        operation: event.operation,
        identifiers: JSON.stringify(event.identifiers),
        dtg: JSON.stringify(event.dtg ?? []),
        outcome: JSON.stringify(event.outcome),
        utfall: utfallOf(event.outcome),
        data_categories: JSON.stringify(event.dataCategories),
        request_ids: JSON.stringify(event.requestIds),
        error_id: event.errorId ?? null,
        svvguid: event.svvguid ?? null,
        error_code: event.errorCode ?? null,
      })
      .execute();
  }

  async forCase(caseRef: string): Promise<OppslagLoggRow[]> {
    return this.db
      .selectFrom('oppslag_logg')
      .selectAll()
      .where('case_ref', '=', caseRef)
      .orderBy('tidspunkt')
      .orderBy('logged_at')
      .execute();
  }

  /** Every lookup that queried one of `identifiers`, or was made for one of `caseRefs`. */
  async touching(identifiers: string[], caseRefs: string[]): Promise<OppslagLoggRow[]> {
    if (identifiers.length === 0 && caseRefs.length === 0) return [];
    return this.db
      .selectFrom('oppslag_logg')
      .selectAll()
      .where((eb) =>
        eb.or([
          ...identifiers.map((identifier) => sql<SqlBool>`identifiers @> ${JSON.stringify([identifier])}::jsonb`),
          ...(caseRefs.length > 0 ? [eb('case_ref', 'in', caseRefs)] : []),
        ]),
      )
      .orderBy('tidspunkt')
      .execute();
  }
}

/** One word per call: the strongest result among the (usually single) items. */
function utfallOf(outcome: AuditEvent['outcome']): string {
  if (outcome.found > 0) return 'found';
  if (outcome.error > 0) return 'error';
  if (outcome.unavailable > 0) return 'unavailable';
  if (outcome.invalid > 0) return 'invalid';
  if (outcome.notFound > 0) return 'not_found';
  return 'none';
}
