/**
 * Entry point of the SVV layer: routes a request below `/rest/distribusjon/kjoretoy/v2.0` to the
 * bulk, VIN and search handlers. Unknown paths answer a plain 404 (docs/contract.md#s4.6), a known path
 * with the wrong method 405 with `Allow`.
 */
import { SERVED_SEARCH_ENDPOINTS, type SearchEndpoint } from '../contract-assumptions.js';
import type { Register } from '../data/register.js';
import { handleBulk } from './bulk.js';
import { handleKundeSearch } from './search-kunde.js';
import { handleVehicleSearch } from './search-vehicles.js';
import type { SvvOptions, SvvRequest, SvvResult } from './types.js';
import { handleVinLookup } from './vin.js';

export type { SvvOptions, SvvRequest, SvvResult };

const NOT_FOUND: SvvResult = { status: 404, body: undefined, itemsLookedUp: 0 };
const VIN_PREFIX = '/bulk/understellsnummer/';

function methodNotAllowed(allow: 'GET' | 'POST'): SvvResult {
  return { status: 405, body: undefined, headers: { Allow: allow }, itemsLookedUp: 0 };
}

export function handleSvvRequest(register: Register, request: SvvRequest, options: SvvOptions): SvvResult {
  const method = request.method.toUpperCase();
  const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
  if (path === '/bulk/kjennemerke' || path === '/bulk/kuid') {
    if (method !== 'POST') return methodNotAllowed('POST');
    return handleBulk(register, path === '/bulk/kjennemerke' ? 'kjennemerke' : 'kuid', request.body, options);
  }
  if (path.startsWith(VIN_PREFIX) && path.length > VIN_PREFIX.length && !path.slice(VIN_PREFIX.length).includes('/')) {
    if (method !== 'GET') return methodNotAllowed('GET');
    return handleVinLookup(register, path.slice(VIN_PREFIX.length), request.query);
  }
  const endpoint = path.startsWith('/sok/') ? path.slice('/sok/'.length) : undefined;
  // CONTRACT-ASSUMPTION (h): all seven sok/* endpoints are served.
  if (endpoint !== undefined && (SERVED_SEARCH_ENDPOINTS as readonly string[]).includes(endpoint)) {
    if (method !== 'GET') return methodNotAllowed('GET');
    const served = endpoint as SearchEndpoint;
    return served === 'kunde'
      ? handleKundeSearch(register, request.query)
      : handleVehicleSearch(register, served, request.query);
  }
  return NOT_FOUND;
}
