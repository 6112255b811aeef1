import { SERVED_SEARCH_ENDPOINTS } from '../contract-assumptions.js';

/** docs/contract.md#s4.1: `{base}/kjoretoyregister/api/{fiksOrgId}` + the SVV path unchanged. */
const KJORETOYREGISTER_PREFIX = '/kjoretoyregister/api/';
const SVV_PATH_PREFIX = '/rest/distribusjon/kjoretoy/v2.0';

interface FiksPath {
  fiksOrgId: string;
  /** The path after `v2.0` (still percent-encoded), or undefined when the SVV prefix is missing. */
  svvPath: string | undefined;
}

export function parseFiksPath(pathname: string): FiksPath | undefined {
  if (!pathname.startsWith(KJORETOYREGISTER_PREFIX)) return undefined;
  const rest = pathname.slice(KJORETOYREGISTER_PREFIX.length);
  const slash = rest.indexOf('/');
  const rawOrgId = slash === -1 ? rest : rest.slice(0, slash);
  if (rawOrgId === '') return undefined;
  const after = slash === -1 ? '' : rest.slice(slash);
  const svvPath =
    after === SVV_PATH_PREFIX || after.startsWith(`${SVV_PATH_PREFIX}/`)
      ? after.slice(SVV_PATH_PREFIX.length)
      : undefined;
  return { fiksOrgId: safeDecode(rawOrgId), svvPath };
}

const FIKS_TEMPLATE = `${KJORETOYREGISTER_PREFIX}{fiksOrgId}${SVV_PATH_PREFIX}`;
const STATIC_SVV_PATHS = new Set<string>([
  '/bulk/kjennemerke',
  '/bulk/kuid',
  ...SERVED_SEARCH_ENDPOINTS.map((name) => `/sok/${name}`),
]);

/** The route template for stats: identifiers (VIN, org id) never become keys (docs/contract.md#s9.12). */
export function fiksRouteTemplate(svvPath: string | undefined): string {
  if (svvPath === undefined) return `${KJORETOYREGISTER_PREFIX}{fiksOrgId}/{unknown}`;
  if (STATIC_SVV_PATHS.has(svvPath)) return `${FIKS_TEMPLATE}${svvPath}`;
  if (/^\/bulk\/understellsnummer\/[^/]+$/.test(svvPath))
    return `${FIKS_TEMPLATE}/bulk/understellsnummer/{understellsnummer}`;
  return `${FIKS_TEMPLATE}/{unknown}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
