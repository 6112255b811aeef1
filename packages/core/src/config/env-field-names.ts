/**
 * `ENV_FIELD_NAMES`: the hint field names for hosts configured through environment variables (the
 * CLI). Node entry only: it is derived from `configFromEnv`'s table, which the host entry does not
 * carry (hosts there pass their own `FieldNames` to `hintFor`).
 */

import { fieldNames, isConfigField, type FieldNames } from '../diagnostics/hints.js';
import { OPTION_TO_ENV } from './from-env.js';

/** The proxy is read by core's fetch transport from these (docs/contract.md#s9.15). */
const PROXY_ENV_NAMES = 'HTTPS_PROXY/NO_PROXY';

/**
 * From `configFromEnv`'s own table (config/from-env.ts). A field without a variable of its own is
 * named by the variables under its path (`maskinporten.keyMaterial` → `MASKINPORTEN_P12/…`); one
 * `configFromEnv` does not read at all keeps its option path (the audit fields: hosts name them,
 * e.g. the CLI by its flags, by overriding those entries).
 */
export const ENV_FIELD_NAMES: FieldNames = fieldNames((field) => {
  const own = OPTION_TO_ENV[field];
  if (own) return own;
  if (field === 'proxy') return PROXY_ENV_NAMES;
  const nested = Object.entries(OPTION_TO_ENV)
    .filter(([path]) => path.startsWith(`${field}.`) && !isConfigField(path))
    .map(([, name]) => name);
  return nested.length > 0 ? nested.join('/') : field;
});
