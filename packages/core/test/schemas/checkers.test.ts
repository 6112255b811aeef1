import { readBulkEnvelope, kjennemerkeKeys } from '../../src/contract/bulk-envelope.js';
import { readSokPage } from '../../src/contract/search-envelope.js';
import { ResponseFormatError } from '../../src/errors.js';
import * as checks from '../../src/schemas/generated-checks.js';
import * as schemas from '../../src/schemas/generated.js';
import { rawKjoretoysokResponse } from '../fixtures/svv-sample.js';
import { expectCoreError, thrownBy } from '../support/core-errors.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Guard = (value: unknown) => boolean;
type Schema = { safeParse(value: unknown): { success: boolean } };

/** Every (guard, schema) pair by component name: the generated modules export one of each. */
function pairs(): [string, Guard, Schema][] {
  const guards = checks as unknown as Record<string, Guard>;
  const zod = schemas as unknown as Record<string, Schema | undefined>;
  return Object.keys(guards)
    .filter((name) => name.startsWith('is'))
    .map((name): [string, Guard, Schema] => {
      const schema = zod[`${name.slice(2)}Schema`];
      if (!schema) throw new Error(`no schema for ${name}`);
      return [name.slice(2), guards[name], schema];
    });
}

/** Every JSON path in `value`, containers included. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...paths(item, [...at, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...at, key]));
  }
  return found;
}

/** Runs `test` with the value at `path` swapped for `next`, then puts the original back. */
function withReplaced<T>(root: Json, path: (string | number)[], next: unknown, test: () => T): T {
  let parent = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key as string] as Record<string, unknown>;
  const key = path[path.length - 1] as string;
  const original = parent[key];
  parent[key] = next;
  try {
    return test();
  } finally {
    parent[key] = original;
  }
}

// Values of every JSON type (and two a JSON body never holds): whichever one is wrong for a field.
const SUBSTITUTES: unknown[] = [null, true, 0, 1.5, 'tekst', [], ['a'], [null], {}, { ukjent: 1 }, NaN, Infinity];
// One of each JSON type, for the slower walk over every path of the whole sample response.
const PATH_SUBSTITUTES: unknown[] = [null, true, 1.5, 'tekst', [null], { ukjent: 1 }];

// The generated guards decide what core accepts on the hot path; the zod schemas are the schema
// of record. They must agree on every input, or a guard lets a wrong type through (or refuses a
// good body, which would then only cost time: zod has the last word in the readers).
describe('generated type guards agree with the zod schemas', () => {
  it('has one guard per component schema', () => {
    expect(pairs()).toHaveLength(77);
  });

  it('accepts what zod accepts and refuses what zod refuses, for each substitute at every path of the SVV sample', () => {
    const raw = rawKjoretoysokResponse() as Json;
    const allPaths = paths(raw).filter((path) => path.length > 0);
    let refused = 0;
    let compared = 0;
    for (const path of allPaths) {
      for (const substitute of PATH_SUBSTITUTES) {
        const [zod, guard] = withReplaced(raw, path, substitute, () => [
          schemas.KjoretoysokResponseSchema.safeParse(raw).success,
          checks.isKjoretoysokResponse(raw),
        ]);
        if (guard !== zod) throw new Error(`guard ${guard}, zod ${zod} at ${path.join('.')} = ${String(substitute)}`);
        if (!zod) refused += 1;
        compared += 1;
      }
    }
    // The comparison must have seen both verdicts many times, or it proves nothing.
    expect(compared).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(100);
    expect(compared - refused).toBeGreaterThan(100);
  }, 60_000);

  it('agrees on every component given values of every type, empty objects and the sample parts', () => {
    const raw = rawKjoretoysokResponse() as Json;
    const parts = paths(raw).map((path) =>
      path.reduce<Json>((value, key) => (value as Record<string, Json>)[key as string], raw),
    );
    for (const [name, guard, schema] of pairs()) {
      for (const value of [...SUBSTITUTES, ...parts]) {
        const zod = schema.safeParse(value).success;
        if (guard(value) !== zod) throw new Error(`${name}: guard ${guard(value)}, zod ${zod}`);
      }
    }
  });
});

describe('reading with the guards: lossless and typed', () => {
  it('returns the parsed JSON itself for a readable element: unknown fields and unknown codes kept', () => {
    const raw = rawKjoretoysokResponse();
    const element = (raw['kjoretoyresponser'] as Record<string, unknown>[])[0];
    const kjoretoy = element['kjoretoy'] as Record<string, unknown>;
    kjoretoy['nyttFelt'] = { dypt: [1, 2] };
    (kjoretoy['kjennemerke'] as Record<string, unknown>[])[0]['kjennemerkekategori'] = 'DIGITAL_2030';

    const [outcome] = readBulkEnvelope([element], ['CU10942'], kjennemerkeKeys);

    expect(outcome.status).toBe('found');
    expect(outcome.kjoretoy).toBe(kjoretoy);
    expect(outcome.kjoretoy?.['nyttFelt']).toEqual({ dypt: [1, 2] });
    expect(outcome.kjoretoy?.kjennemerke?.[0]?.kjennemerkekategori).toBe('DIGITAL_2030');
  });

  it('makes a wrong type in a field core reads a KJR_RESPONSE_FORMAT error with zod issue paths', () => {
    const raw = rawKjoretoysokResponse();
    const element = (raw['kjoretoyresponser'] as Record<string, unknown>[])[0];
    const kjoretoyId = (element['kjoretoy'] as Record<string, unknown>)['kjoretoyId'] as Record<string, unknown>;
    kjoretoyId['kjennemerke'] = 10942;

    const [outcome] = readBulkEnvelope([element], ['CU10942'], kjennemerkeKeys);

    expect(outcome.status).toBe('error');
    expectCoreError(outcome.error, ResponseFormatError, 'KJR_RESPONSE_FORMAT');
    expect(outcome.error?.details).toEqual([
      { path: 'kjoretoy.kjoretoyId.kjennemerke', code: 'invalid_type', message: expect.any(String) },
    ]);
  });

  it('reads a search page without copying its hits, and refuses a wrong type deep inside one', () => {
    const raw = rawKjoretoysokResponse();
    const hits = raw['kjoretoyresponser'] as Record<string, unknown>[];
    const page = readSokPage(raw);
    expect(page.kjoretoyresponser[0]).toBe(hits[0]);

    ((hits[1]['kjoretoy'] as Record<string, unknown>)['registrering'] as Record<string, unknown>)['fomTidspunkt'] =
      false;
    const error = thrownBy(() => readSokPage(raw));
    expectCoreError(error, ResponseFormatError, 'KJR_RESPONSE_FORMAT');
    expect(error.details).toEqual([
      {
        path: 'kjoretoyresponser.1.kjoretoy.registrering.fomTidspunkt',
        code: 'invalid_type',
        message: expect.any(String),
      },
    ]);
  });
});
