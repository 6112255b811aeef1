/**
 * The audit side of Kjøretøysøk: every page request is written ahead (intent, then completion),
 * and every search call, however many pages it fetches and whether it is invalid, fails or
 * succeeds, emits exactly one per-operation audit event.
 */

import { UNAVAILABLE_RESPONSKODE } from '../contract/assumptions.js';
import { readPath } from '../contract/envelope.js';
import { ValidationError, type AnyKjoretoyregisterError } from '../errors.js';
import type { AuditContext, AuditOperation, AuditOutcome } from '../observability/audit.js';
import type { AuditCompletionDraft, AuditIntentDraft } from './audit-emitter.js';
import type { Kjoretoy, KjoretoyResponse, Kunde } from '../schemas/index.js';
import { dataCategoriesOfKjoretoy, dataCategoriesOfKunder, failureFields } from './audit-summary.js';
import type { CallOptions, OperationContext } from './context.js';
import {
  SOK_IDENTIFIER_PARAM,
  isSokEndpoint,
  toQuery,
  validateSokParams,
  type SokEndpoint,
  type SokParams,
} from './search-params.js';

/** Everything one call saw, reduced to its single audit event. */
export class SearchAudit {
  /** The intents written for this call's requests, in order. */
  readonly auditIds: string[] = [];
  private readonly requestIds: string[] = [];
  private readonly kjoretoy: Kjoretoy[] = [];
  private readonly kunder: Kunde[] = [];
  private unavailable = 0;
  private error: AnyKjoretoyregisterError | undefined;

  constructor(
    private readonly ctx: OperationContext,
    private readonly context: Partial<AuditContext>,
    private readonly endpoint: SokEndpoint,
    private readonly params: Record<string, unknown>,
  ) {}

  /** What each request of this call discloses, for its write-ahead intent. */
  intent(): AuditIntentDraft {
    return { operation: this.operation, identifiers: this.identifiers(), query: toQuery(this.criteria()) };
  }

  /** One page's completion; counted as the per-operation event counts a whole search. */
  static pageCompletion(rows: readonly KjoretoyResponse[]): AuditCompletionDraft {
    const kjoretoy = rows.flatMap((row) => (row.kjoretoy === undefined || row.kjoretoy === null ? [] : [row.kjoretoy]));
    const unavailable = rows.filter(
      (row) =>
        (row.kjoretoy === undefined || row.kjoretoy === null) &&
        (row.responskoder ?? []).some((r) => readPath(r, ['kode']) === UNAVAILABLE_RESPONSKODE),
    ).length;
    return {
      outcome: searchOutcome(kjoretoy.length, unavailable, false),
      dataCategories: dataCategoriesOfKjoretoy(kjoretoy),
    };
  }

  static customersCompletion(kunder: readonly Kunde[]): AuditCompletionDraft {
    return { outcome: searchOutcome(kunder.length, 0, false), dataCategories: dataCategoriesOfKunder(kunder) };
  }

  private get operation(): AuditOperation {
    return `sok/${this.endpoint}` as AuditOperation;
  }

  private identifiers(): string[] {
    const identifierParam = SOK_IDENTIFIER_PARAM[this.endpoint];
    const identifier = identifierParam === undefined ? undefined : this.params[identifierParam];
    return typeof identifier === 'string' ? [identifier] : [];
  }

  /** Paging is not a search criterion; the audit record keeps what was searched for. */
  private criteria(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.params).filter(([key]) => key !== 'fra' && key !== 'antall'));
  }

  request(requestId: string): void {
    this.requestIds.push(requestId);
  }

  rows(rows: readonly KjoretoyResponse[]): void {
    for (const row of rows) {
      if (row.kjoretoy !== undefined && row.kjoretoy !== null) this.kjoretoy.push(row.kjoretoy);
      else if ((row.responskoder ?? []).some((r) => readPath(r, ['kode']) === UNAVAILABLE_RESPONSKODE))
        this.unavailable++;
    }
  }

  customers(kunder: readonly Kunde[]): void {
    this.kunder.push(...kunder);
  }

  failed(error: AnyKjoretoyregisterError): void {
    this.error = error;
    if (error.requestId !== undefined && !this.requestIds.includes(error.requestId))
      this.requestIds.push(error.requestId);
  }

  async emit(): Promise<void> {
    const found = this.endpoint === 'kunde' ? this.kunder.length : this.kjoretoy.length;
    await this.ctx.audit.emit(this.context, {
      operation: this.operation,
      identifiers: this.identifiers(),
      query: toQuery(this.criteria()),
      outcome: searchOutcome(found, this.unavailable, this.error !== undefined),
      dataCategories:
        this.endpoint === 'kunde' ? dataCategoriesOfKunder(this.kunder) : dataCategoriesOfKjoretoy(this.kjoretoy),
      requestIds: this.requestIds,
      auditIds: this.auditIds,
      ...failureFields(this.error),
    });
  }
}

/** A search counts as one: found hits, or "not found" when nothing came back and nothing failed. */
function searchOutcome(found: number, unavailable: number, failed: boolean): AuditOutcome {
  return {
    found,
    notFound: !failed && found === 0 && unavailable === 0 ? 1 : 0,
    unavailable,
    invalid: 0,
    error: failed ? 1 : 0,
  };
}

interface PreparedSearch {
  context: Partial<AuditContext>;
  params: Record<string, unknown>;
}

/** Audit check first (nothing may be sent without it), then parameters; an invalid call is audited too. */
export function prepareSearch<E extends SokEndpoint>(
  ctx: OperationContext,
  endpoint: E,
  params: SokParams[E],
  options: CallOptions,
): PreparedSearch {
  if (!isSokEndpoint(endpoint)) {
    throw new ValidationError('endpoint is not a sok endpoint', {
      issues: [{ path: 'endpoint', message: 'is not a sok endpoint' }],
    });
  }
  const context = ctx.audit.check(options.audit);
  try {
    return { context, params: validateSokParams(endpoint, params) };
  } catch (error) {
    void ctx.audit.emit(context, {
      operation: `sok/${endpoint}` as AuditOperation,
      identifiers: [],
      outcome: { found: 0, notFound: 0, unavailable: 0, invalid: 1, error: 0 },
      dataCategories: [],
      requestIds: [],
      ...failureFields(error),
    });
    throw error;
  }
}
