/**
 * The audit side of Kjøretøysøk: every search call, however many pages it fetches and whether it is
 * invalid, fails or succeeds, emits exactly one audit event.
 */

import { UNAVAILABLE_RESPONSKODE } from '../contract/assumptions.js';
import { readPath } from '../contract/envelope.js';
import { ValidationError, type AnyKjoretoyregisterError } from '../errors.js';
import type { AuditContext, AuditOperation } from '../observability/audit.js';
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
    const identifierParam = SOK_IDENTIFIER_PARAM[this.endpoint];
    const identifier = identifierParam === undefined ? undefined : this.params[identifierParam];
    // Paging is not a search criterion; the audit record keeps what was searched for.
    const criteria = Object.fromEntries(
      Object.entries(this.params).filter(([key]) => key !== 'fra' && key !== 'antall'),
    );
    await this.ctx.audit.emit(this.context, {
      operation: `sok/${this.endpoint}` as AuditOperation,
      identifiers: typeof identifier === 'string' ? [identifier] : [],
      query: toQuery(criteria),
      outcome: {
        found,
        notFound: this.error === undefined && found === 0 && this.unavailable === 0 ? 1 : 0,
        unavailable: this.unavailable,
        invalid: 0,
        error: this.error === undefined ? 0 : 1,
      },
      dataCategories:
        this.endpoint === 'kunde' ? dataCategoriesOfKunder(this.kunder) : dataCategoriesOfKjoretoy(this.kjoretoy),
      requestIds: this.requestIds,
      ...failureFields(this.error),
    });
  }
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
