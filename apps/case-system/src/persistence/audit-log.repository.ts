import { randomUUID } from 'node:crypto';
import type { AuditCompletion, AuditIntent, AuditOutcome } from '@kjoretoyregister/core';
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type SqlBool } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { AuditLogTable, AuditOutcomeCounts } from './schema.js';

/**
 * One logical audit entry: a register request's intent with its completion folded in, or a
 * per-call row from before migration 004. `result` is `unknown` (and `outcome` null) for an
 * intent without a completion: the request may have been served, its outcome was never recorded.
 */
export type AuditLogRow = Omit<Selectable<AuditLogTable>, 'logged_at' | 'data_categories'> & {
  /** The completion's categories, else the row's own, else none. */
  data_categories: string[];
  /** When the completion was recorded; null for an intent without one and for `call` rows. */
  completed_at: Date | null;
};

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
   * inside another transaction), so it is durable before the request is sent. A request for
   * several cases (`intent.cases`) is one row per case: that case's identifiers and dtg under the
   * part's own `audit_id`, with the request's shared `requestId`, all in the same statement, so
   * either every case's row is there before the request leaves or the request is not sent.
   */
  async appendIntent(intent: AuditIntent): Promise<void> {
    const parts = intent.cases ?? [
      {
        auditId: intent.auditId,
        identifiers: intent.identifiers,
        ...(intent.caseRef === undefined ? {} : { caseRef: intent.caseRef }),
        ...(intent.dtg === undefined ? {} : { dtg: intent.dtg }),
      },
    ];
    if (parts.length === 0) return;
    const common = {
      phase: 'intent' as const,
      occurred_at: new Date(intent.timestamp),
      actor: intent.actor ?? null,
      purpose: intent.purpose ?? null,
      legal_basis: intent.legalBasis ?? null,
      fiks_org_id: intent.fiksOrgId,
      operation: intent.operation,
      outcome: null,
      result: OUTCOME_UNKNOWN,
      data_categories: null,
      request_ids: JSON.stringify([intent.requestId]),
      error_id: null,
      svvguid: null,
      error_code: null,
    };
    await this.db
      .insertInto('audit_log')
      .values(
        parts.map((part) => ({
          ...common,
          id: randomUUID(),
          audit_id: part.auditId,
          case_ref: part.caseRef ?? null,
          identifiers: JSON.stringify(part.identifiers),
          dtg: JSON.stringify(part.dtg ?? []),
        })),
      )
      .execute();
  }

  /** The outcome of one register request: one row per intent row it wrote (per case part, or the whole). */
  async appendCompletion(completion: AuditCompletion): Promise<void> {
    const parts = completion.cases ?? [completion];
    if (parts.length === 0) return;
    await this.db
      .insertInto('audit_completions')
      .values(
        parts.map((part) => ({
          audit_id: part.auditId,
          occurred_at: new Date(completion.timestamp),
          request_id: completion.requestId,
          operation: completion.operation,
          outcome: JSON.stringify(part.outcome),
          result: resultOf(part.outcome),
          data_categories: JSON.stringify(part.dataCategories),
          error_id: part.errorId ?? null,
          svvguid: part.svvguid ?? null,
          error_code: part.errorCode ?? null,
        })),
      )
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
