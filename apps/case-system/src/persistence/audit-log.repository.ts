import { randomUUID } from 'node:crypto';
import type { AuditCompletion, AuditIntent, AuditOutcome } from '@kjoretoyregister/core';
import { Inject, Injectable } from '@nestjs/common';
import { sql, type SqlBool } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { AuditOutcomeCounts, AuditPhase } from './schema.js';

/**
 * One logical audit entry: a register request's intent with its completion folded in, or a
 * per-call row from before migration 004. `result` is `unknown` (and `outcome` null) for an
 * intent without a completion: the request may have been served, its outcome was never recorded.
 */
export interface AuditLogRow {
  id: string;
  phase: AuditPhase;
  audit_id: string | null;
  occurred_at: Date;
  actor: string | null;
  purpose: string | null;
  legal_basis: string | null;
  case_ref: string | null;
  fiks_org_id: string;
  operation: string;
  identifiers: string[];
  dtg: string[];
  outcome: AuditOutcomeCounts | null;
  result: string;
  data_categories: string[];
  request_ids: string[];
  error_id: string | null;
  svvguid: string | null;
  error_code: string | null;
  /** When the completion was recorded; null for an intent without one and for `call` rows. */
  completed_at: Date | null;
}

/** The `result` an intent row is written with; a completion supersedes it. */
export const OUTCOME_UNKNOWN = 'unknown';

/** Append and read; there is deliberately no update or delete (the tables refuse them too). */
@Injectable()
export class AuditLogRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /**
   * The intent of one register request, in its own statement (autocommit on the pool, never
   * inside another transaction), so it is durable before the request is sent.
   */
  async appendIntent(intent: AuditIntent): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        phase: 'intent',
        audit_id: intent.auditId,
        occurred_at: new Date(intent.timestamp),
        actor: intent.actor ?? null,
        purpose: intent.purpose ?? null,
        legal_basis: intent.legalBasis ?? null,
        case_ref: intent.caseRef ?? null,
        fiks_org_id: intent.fiksOrgId,
        operation: intent.operation,
        identifiers: JSON.stringify(intent.identifiers),
        dtg: JSON.stringify(intent.dtg ?? []),
        outcome: null,
        result: OUTCOME_UNKNOWN,
        data_categories: null,
        request_ids: JSON.stringify([intent.requestId]),
        error_id: null,
        svvguid: null,
        error_code: null,
      })
      .execute();
  }

  async appendCompletion(completion: AuditCompletion): Promise<void> {
    await this.db
      .insertInto('audit_completions')
      .values({
        audit_id: completion.auditId,
        occurred_at: new Date(completion.timestamp),
        request_id: completion.requestId,
        operation: completion.operation,
        outcome: JSON.stringify(completion.outcome),
        result: resultOf(completion.outcome),
        data_categories: JSON.stringify(completion.dataCategories),
        error_id: completion.errorId ?? null,
        svvguid: completion.svvguid ?? null,
        error_code: completion.errorCode ?? null,
      })
      .execute();
  }

  async forCase(caseRef: string): Promise<AuditLogRow[]> {
    return this.entries().where('l.case_ref', '=', caseRef).orderBy('l.occurred_at').orderBy('l.logged_at').execute();
  }

  /** Every lookup that queried one of `identifiers`, or was made for one of `caseRefs`. */
  async touching(identifiers: string[], caseRefs: string[]): Promise<AuditLogRow[]> {
    if (identifiers.length === 0 && caseRefs.length === 0) return [];
    return this.entries()
      .where((eb) =>
        eb.or([
          ...identifiers.map((identifier) => sql<SqlBool>`l.identifiers @> ${JSON.stringify([identifier])}::jsonb`),
          ...(caseRefs.length > 0 ? [eb('l.case_ref', 'in', caseRefs)] : []),
        ]),
      )
      .orderBy('l.occurred_at')
      .orderBy('l.logged_at')
      .execute();
  }

  /** Intents with their completion (if any) folded in; `call` rows as they are. */
  private entries() {
    return this.db
      .selectFrom('audit_log as l')
      .leftJoin('audit_completions as c', 'c.audit_id', 'l.audit_id')
      .select([
        'l.id',
        'l.phase',
        'l.audit_id',
        'l.occurred_at',
        'l.actor',
        'l.purpose',
        'l.legal_basis',
        'l.case_ref',
        'l.fiks_org_id',
        'l.operation',
        'l.identifiers',
        'l.dtg',
        'l.request_ids',
        sql<AuditOutcomeCounts | null>`coalesce(c.outcome, l.outcome)`.as('outcome'),
        sql<string>`coalesce(c.result, l.result)`.as('result'),
        sql<string[]>`coalesce(c.data_categories, l.data_categories, '[]'::jsonb)`.as('data_categories'),
        sql<string | null>`coalesce(c.error_id, l.error_id)`.as('error_id'),
        sql<string | null>`coalesce(c.svvguid, l.svvguid)`.as('svvguid'),
        sql<string | null>`coalesce(c.error_code, l.error_code)`.as('error_code'),
        sql<Date | null>`c.logged_at`.as('completed_at'),
      ]);
  }
}

/** One word per request: the strongest result among the (usually single) items. */
function resultOf(outcome: AuditOutcome): string {
  if (outcome.found > 0) return 'found';
  if (outcome.error > 0) return 'error';
  if (outcome.unavailable > 0) return 'unavailable';
  if (outcome.invalid > 0) return 'invalid';
  if (outcome.notFound > 0) return 'not_found';
  return 'none';
}
