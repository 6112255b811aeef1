/**
 * Kjøretøysøk S1–S7 (docs/contract.md#s4.3 to docs/contract.md#s4.5): one page, every page, or every hit. Each call,
 * however many pages it fetches, emits one audit event (search-audit.ts).
 */

import { FIRST_ROW } from '../contract/assumptions.js';
import { readPath } from '../contract/envelope.js';
import { readKundeSok, readSokPage, type KundeSokResult, type SokPage } from '../contract/search-envelope.js';
import { ValidationError, isKjoretoyregisterError } from '../errors.js';
import type { KjoretoyResponse } from '../schemas/index.js';
import type { CallOptions, OperationContext } from './context.js';
import { auditedRequest, type AuditCompletionDraft } from './audit-emitter.js';
import { SearchAudit, prepareSearch } from './search-audit.js';
import { type PagedSokEndpoint, type SokEndpoint, type SokParams, toQuery } from './search-params.js';
import { fetchSok, pageQuery, readWithRequestId } from './search-request.js';

export type { KundeSokResult, SokPage } from '../contract/search-envelope.js';
export type { PagedSokEndpoint, SokEndpoint, SokParams } from './search-params.js';

/** S7 (`kunde`) answers with customers, S1–S6 with a page of vehicle hits. */
export type SokResult<E extends SokEndpoint> = E extends 'kunde' ? KundeSokResult : SokPage;

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
  const prepared = prepareSearch(ctx, endpoint, params, options);
  const audit = new SearchAudit(ctx, prepared.context, endpoint, prepared.params);
  try {
    const isKunde = endpoint === 'kunde';
    const query = isKunde
      ? toQuery(prepared.params)
      : pageQuery(ctx, prepared.params, (prepared.params['fra'] as number | undefined) ?? FIRST_ROW);
    /** The one request, audited ahead and completed from what `read` made of the answer. */
    const request = <T>(read: (body: unknown) => T, completion: (value: T) => AuditCompletionDraft) =>
      auditedRequest(
        ctx.audit,
        prepared.context,
        audit.intent(),
        audit.auditIds,
        async (sentRequestId) => {
          const { body, requestId } = await fetchSok(ctx, endpoint, query, options.signal, sentRequestId);
          audit.request(requestId);
          return readWithRequestId(read, body, requestId);
        },
        completion,
      );
    if (isKunde) {
      const result = await request(readKundeSok, (read) => SearchAudit.customersCompletion(read.kunder));
      audit.customers(result.kunder);
      return result as SokResult<E>;
    }
    const page = await request(readSokPage, (read) => SearchAudit.pageCompletion(read.kjoretoyresponser));
    audit.rows(page.kjoretoyresponser);
    return page as SokResult<E>;
  } catch (error) {
    if (isKjoretoyregisterError(error)) audit.failed(error);
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
): AsyncIterable<SokPage> {
  if ((endpoint as SokEndpoint) === 'kunde') {
    throw new ValidationError('sok/kunde has no paging', {
      issues: [{ path: 'endpoint', message: 'sok/kunde has no paging' }],
    });
  }
  const prepared = prepareSearch(ctx, endpoint, params, options);
  const antall = (prepared.params['antall'] as number | undefined) ?? ctx.searchPageSize;

  async function* pages(): AsyncGenerator<SokPage> {
    const audit = new SearchAudit(ctx, prepared.context, endpoint, prepared.params);
    const seen = new Set<string>();
    let fra = (prepared.params['fra'] as number | undefined) ?? FIRST_ROW;
    try {
      for (;;) {
        const query = pageQuery(ctx, prepared.params, fra);
        const page = await auditedRequest(
          ctx.audit,
          prepared.context,
          audit.intent(),
          audit.auditIds,
          async (id) => {
            const { body, requestId } = await fetchSok(ctx, endpoint, query, options.signal, id);
            audit.request(requestId);
            return readWithRequestId(readSokPage, body, requestId);
          },
          (read) => SearchAudit.pageCompletion(read.kjoretoyresponser),
        );
        const rows = page.kjoretoyresponser;
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
      if (isKjoretoyregisterError(error)) audit.failed(error);
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
  for await (const page of sokPages(ctx, endpoint, params, options)) all.push(...page.kjoretoyresponser);
  return all;
}
