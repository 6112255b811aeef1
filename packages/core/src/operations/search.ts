/**
 * Kjøretøysøk S1–S7 (docs/contract.md#s4.3 to docs/contract.md#s4.5): one page, every page, or every hit. Each call,
 * however many pages it fetches, emits one audit event.
 */

import { FIRST_ROW, SEARCH_NOT_EXPOSED_STATUSES, UNAVAILABLE_RESPONSKODE } from '../contract/assumptions.js';
import { readKundeSok, readPath, readSokPage } from '../contract/envelope.js';
import { ForbiddenError, KjoretoyregisterError, UpstreamError, ValidationError } from '../errors.js';
import type { AuditContext, AuditOperation } from '../observability/audit.js';
import type { Kjoretoy, KjoretoyResponse, KjoretoysokResponse, KundeSokResponse } from '../schemas/index.js';
import { dataCategoriesOfKjoretoy, dataCategoriesOfKunder, failureFields } from './audit-summary.js';
import type { CallOptions, OperationContext } from './context.js';
import {
  SOK_IDENTIFIER_PARAM,
  isSokEndpoint,
  toQuery,
  validateSokParams,
  type PagedSokEndpoint,
  type SokEndpoint,
  type SokParams,
} from './search-params.js';

export type { PagedSokEndpoint, SokEndpoint, SokParams } from './search-params.js';

export type SokResult<E extends SokEndpoint> = E extends 'kunde' ? KundeSokResponse : KjoretoysokResponse;

/**
 * CONTRACT-ASSUMPTION (h): KS documents only `sok/eiernavn`; a 403/404 on any other search means
 * Fiks does not expose it to this integration, which is a different fix than a missing grant.
 */
function mapSearchError(endpoint: SokEndpoint, caught: unknown): KjoretoyregisterError {
  const error =
    caught instanceof KjoretoyregisterError
      ? caught
      : new UpstreamError('Search failed unexpectedly', { cause: caught });
  const notExposed =
    (error instanceof ForbiddenError || error instanceof UpstreamError) &&
    error.status !== undefined &&
    SEARCH_NOT_EXPOSED_STATUSES.includes(error.status);
  if (endpoint === 'eiernavn' || !notExposed) return error;
  return new ForbiddenError(`sok/${endpoint} is not available through Fiks for this integration`, {
    status: error.status,
    requestId: error.requestId,
    errorId: error.errorId,
    svvguid: error.svvguid,
    details: error.details,
    cause: error,
  });
}

/** Everything one call saw, reduced to its single audit event. */
class SearchAudit {
  private readonly requestIds: string[] = [];
  private readonly kjoretoy: Kjoretoy[] = [];
  private readonly kunder: unknown[] = [];
  private unavailable = 0;
  private error: unknown;

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

  customers(kunder: readonly unknown[]): void {
    this.kunder.push(...kunder);
  }

  failed(error: KjoretoyregisterError): void {
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
function prepare<E extends SokEndpoint>(
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

async function fetchSok(
  ctx: OperationContext,
  endpoint: SokEndpoint,
  query: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<{ body: unknown; requestId: string }> {
  const route = `/sok/${endpoint}`;
  let requestId: string | undefined;
  try {
    const result = await ctx.requester.call({ method: 'GET', route, path: route, query, signal, retryable: true });
    requestId = result.requestId;
    return { body: result.body, requestId: result.requestId };
  } catch (caught) {
    const error = mapSearchError(endpoint, caught);
    error.requestId ??= requestId;
    throw error;
  }
}

function pageQuery(ctx: OperationContext, params: Record<string, unknown>, fra: number): Record<string, string> {
  // CONTRACT-ASSUMPTION (g): always an explicit `antall`, and a 1-based `fra`.
  return toQuery({ ...params, fra, antall: (params['antall'] as number | undefined) ?? ctx.searchPageSize });
}

/**
 * One search request: S1–S6 return one page (`fra`/`antall` always sent), S7 the customer list.
 * A 204 is an empty result.
 */
export async function sok<E extends SokEndpoint>(
  ctx: OperationContext,
  endpoint: E,
  params: SokParams[E],
  options: CallOptions = {},
): Promise<SokResult<E>> {
  const prepared = prepare(ctx, endpoint, params, options);
  const audit = new SearchAudit(ctx, prepared.context, endpoint, prepared.params);
  try {
    const isKunde = endpoint === 'kunde';
    const query = isKunde
      ? toQuery(prepared.params)
      : pageQuery(ctx, prepared.params, (prepared.params['fra'] as number | undefined) ?? FIRST_ROW);
    const { body, requestId } = await fetchSok(ctx, endpoint, query, options.signal);
    audit.request(requestId);
    try {
      if (isKunde) {
        const result = readKundeSok(body);
        const kunder = readPath(result, ['kunder']);
        audit.customers(Array.isArray(kunder) ? kunder : []);
        return result as SokResult<E>;
      }
      const page = readSokPage(body);
      audit.rows(page.kjoretoyresponser ?? []);
      return page as SokResult<E>;
    } catch (error) {
      if (error instanceof KjoretoyregisterError) error.requestId ??= requestId;
      throw error;
    }
  } catch (error) {
    if (error instanceof KjoretoyregisterError) audit.failed(error);
    throw error;
  } finally {
    await audit.emit();
  }
}

/** Identity of a hit, to notice a server that ignores `fra` and repeats itself. */
function rowKey(row: KjoretoyResponse): string {
  const id = readPath(row, ['kjoretoy', 'kjoretoyId']);
  const kuid = readPath(id, ['kuid']);
  return typeof kuid === 'string' ? `kuid:${kuid}` : JSON.stringify(id ?? row);
}

/**
 * Every page of an S1–S6 search (docs/contract.md#s4.5): stops once the rows collected reach
 * `antallTreffTotalt`, on a page shorter than `antall`, on a 204, or on a page that adds no new
 * hit (a server that never ends). Parameters and the audit context are checked on call.
 */
export function sokPages<E extends PagedSokEndpoint>(
  ctx: OperationContext,
  endpoint: E,
  params: SokParams[E],
  options: CallOptions = {},
): AsyncIterable<KjoretoysokResponse> {
  if ((endpoint as SokEndpoint) === 'kunde') {
    throw new ValidationError('sok/kunde has no paging', {
      issues: [{ path: 'endpoint', message: 'sok/kunde has no paging' }],
    });
  }
  const prepared = prepare(ctx, endpoint, params, options);
  const antall = (prepared.params['antall'] as number | undefined) ?? ctx.searchPageSize;

  async function* pages(): AsyncGenerator<KjoretoysokResponse> {
    const audit = new SearchAudit(ctx, prepared.context, endpoint, prepared.params);
    const seen = new Set<string>();
    let fra = (prepared.params['fra'] as number | undefined) ?? FIRST_ROW;
    try {
      for (;;) {
        const { body, requestId } = await fetchSok(ctx, endpoint, pageQuery(ctx, prepared.params, fra), options.signal);
        audit.request(requestId);
        let page: KjoretoysokResponse;
        try {
          page = readSokPage(body);
        } catch (error) {
          if (error instanceof KjoretoyregisterError) error.requestId ??= requestId;
          throw error;
        }
        const rows = page.kjoretoyresponser ?? [];
        const fresh = rows.filter((row) => !seen.has(rowKey(row)));
        if (rows.length > 0 && fresh.length === 0) {
          ctx.logger.warn('Search paging stopped: a page repeated earlier hits', { route: `/sok/${endpoint}`, fra });
        }
        if (fresh.length === 0) return;
        for (const row of rows) seen.add(rowKey(row));
        audit.rows(rows);
        yield page;
        fra += rows.length;
        const total = page.antallTreffTotalt;
        if (rows.length < antall || (typeof total === 'number' && fra - 1 >= total)) return;
      }
    } catch (error) {
      if (error instanceof KjoretoyregisterError) audit.failed(error);
      throw error;
    } finally {
      await audit.emit();
    }
  }

  return { [Symbol.asyncIterator]: pages };
}

/** Every hit of an S1–S6 search, across pages, in order. */
export async function sokAll<E extends PagedSokEndpoint>(
  ctx: OperationContext,
  endpoint: E,
  params: SokParams[E],
  options: CallOptions = {},
): Promise<KjoretoyResponse[]> {
  const all: KjoretoyResponse[] = [];
  for await (const page of sokPages(ctx, endpoint, params, options)) all.push(...(page.kjoretoyresponser ?? []));
  return all;
}
