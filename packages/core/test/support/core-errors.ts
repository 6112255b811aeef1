import type { AnyKjoretoyregisterError } from '../../src/errors.js';

type ErrorClass<E extends AnyKjoretoyregisterError> = abstract new (...args: never[]) => E;

/**
 * Class and `code` together: callers `switch (error.code)` and use `instanceof`, so a test must fail
 * when either one is wrong.
 */
export function expectCoreError<E extends AnyKjoretoyregisterError>(
  error: unknown,
  type: ErrorClass<E>,
  code: E['code'],
): asserts error is E {
  expect(error).toBeInstanceOf(type);
  expect(error).toHaveProperty('code', code);
}

/** As `expectCoreError`, for a promise that must reject (awaited once, so nothing runs twice). */
export async function expectRejection<E extends AnyKjoretoyregisterError>(
  promise: Promise<unknown>,
  type: ErrorClass<E>,
  code: E['code'],
): Promise<E> {
  const settled = await promise.then(
    () => ({ rejected: false as const }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!settled.rejected) throw new Error(`expected a rejection with ${code}, but the promise resolved`);
  expectCoreError(settled.error, type, code);
  return settled.error;
}

/** The error a synchronous call throws, for `expectCoreError`. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
