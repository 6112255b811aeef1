/**
 * Runtime helpers for the type guards that tools/schema-gen emits next to the zod schemas
 * (generated-checks.ts, `is<Name>`). Why not zod on the hot path: its loose objects copy every key
 * of every nested object, and for SVV-sized vehicles that copy cost more than JSON.parse itself
 * (tools/bench/profile-notes.md, issue 16 item 3). Why not a library such as ajv: it compiles
 * validators with `new Function`, which the host entry (n8n's scanner, CSP) must not contain, and
 * it would be a second source of truth next to the generated zod schemas. The guards only read: a
 * value that passes is used as it is, so the result is lossless by identity. When a guard says no,
 * the caller asks the zod schema, the schema of record, for the issues.
 */

export function isObjectValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's number: any finite number (NaN and ±Infinity are not JSON, but a caller may pass them). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isStringValue(value: unknown): value is string {
  return typeof value === 'string';
}

export function isBooleanValue(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

/** An item the spec leaves untyped: anything passes, as with z.unknown(). */
export function isAnything(value: unknown): value is unknown {
  void value;
  return true;
}

/** A list whose every item passes `guard`; items are never nullish, as z.array(x) rejects a null item. */
export function everyItem<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!guard(value[i])) return false;
  return true;
}
