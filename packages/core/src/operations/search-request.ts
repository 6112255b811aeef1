/** One Kjøretøysøk request and what its failure means (docs/contract.md#s4.3, CONTRACT-ASSUMPTION (g), (h)). */

import { SEARCH_NOT_EXPOSED_STATUSES } from '../contract/assumptions.js';
import { ForbiddenError, UpstreamError, isKjoretoyregisterError, type AnyKjoretoyregisterError } from '../errors.js';
import { withRequestId } from '../with-request-id.js';
import type { OperationContext } from './context.js';
import { toQuery, type SokEndpoint } from './search-params.js';

/**
 * CONTRACT-ASSUMPTION (h): KS documents only `sok/eiernavn`; a 403/404 on any other search means
 * Fiks does not expose it to this integration, which is a different fix than a missing grant.
 */
function mapSearchError(endpoint: SokEndpoint, caught: unknown): AnyKjoretoyregisterError {
  const error = isKjoretoyregisterError(caught)
    ? caught
    : new UpstreamError('Search failed unexpectedly', { cause: caught });
  const notExposed =
    (error instanceof ForbiddenError || error instanceof UpstreamError) &&
    error.status !== undefined &&
    SEARCH_NOT_EXPOSED_STATUSES.includes(error.status);
  if (endpoint === 'eiernavn' || !notExposed) return error;
  // The message says that this reading is ours, not Fiks's, and which status it rests on.
  const message = `sok/${endpoint} answered HTTP ${error.status}: taken to mean it is not available through Fiks for this integration (an assumption, docs/contract.md#s7h: KS documents only sok/eiernavn)`;
  return new ForbiddenError(message, {
    searchEndpoint: endpoint,
    status: error.status,
    requestId: error.requestId,
    errorId: error.errorId,
    svvguid: error.svvguid,
    details: error.details,
    cause: error,
  });
}

/** Sends one `sok/*` GET; a failure is thrown as a core error that carries this request's id. */
export async function fetchSok(
  ctx: OperationContext,
  endpoint: SokEndpoint,
  query: Record<string, string>,
  signal: AbortSignal | undefined,
  sentRequestId?: string,
): Promise<{ body: unknown; requestId: string }> {
  const route = `/sok/${endpoint}`;
  let requestId: string | undefined;
  try {
    const result = await ctx.requester.call({
      method: 'GET',
      route,
      path: route,
      query,
      signal,
      retryable: true,
      ...(sentRequestId === undefined ? {} : { requestId: sentRequestId }),
    });
    requestId = result.requestId;
    return { body: result.body, requestId: result.requestId };
  } catch (caught) {
    throw withRequestId(mapSearchError(endpoint, caught), requestId);
  }
}

/** Reads a fetched body; an unreadable one becomes an error that names the request it came from. */
export function readWithRequestId<T>(read: (body: unknown) => T, body: unknown, requestId: string): T {
  try {
    return read(body);
  } catch (error) {
    throw isKjoretoyregisterError(error) ? withRequestId(error, requestId) : error;
  }
}

export function pageQuery(ctx: OperationContext, params: Record<string, unknown>, fra: number): Record<string, string> {
  // CONTRACT-ASSUMPTION (g): always an explicit `antall`, and a 1-based `fra`.
  return toQuery({ ...params, fra, antall: (params['antall'] as number | undefined) ?? ctx.searchPageSize });
}
