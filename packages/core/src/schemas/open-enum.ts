import { z } from 'zod';

/**
 * An open code list (docs/contract.md#s5.9): the known values are typed as literals, and any other
 * string still parses unchanged, typed as `(string & {})` so editors keep suggesting the literals.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string() as z.ZodType<string & {}, string>]);
}
