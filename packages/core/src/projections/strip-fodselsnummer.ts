// "Full" output without identity numbers: the raw object minus every `fodselsnummer`, at any depth
// (docs/contract.md#s5.3: Person.fodselsnummer; fødselsnummer is removed unless a caller asks for it).

/** Deep copy of `value` with every `fodselsnummer` key removed. Leaves the input untouched. */
export function stripFodselsnummer<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'fodselsnummer') copy[key] = strip(child);
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
