import { sql, type RawBuilder } from 'kysely';

/**
 * `now() + ms` on the database's clock (not the app's), so instances with skewed clocks agree on
 * when a lease runs out or a retry is due. Shared by the leased queues (`lookup_jobs`,
 * `bulk_lookup_items`).
 */
export function nowPlus(ms: number): RawBuilder<Date> {
  return sql<Date>`now() + make_interval(secs => ${ms / 1000})`;
}

/**
 * The columns that put a leased item back for a later try. `countsAsAttempt: false` (quota waits,
 * unwritten audit intents) gives the claim back, so waiting never exhausts the attempts.
 */
export function backForRetry(delayMs: number, countsAsAttempt: boolean) {
  return {
    run_after: nowPlus(delayMs),
    locked_until: null,
    ...(countsAsAttempt ? {} : { attempts: sql<number>`attempts - 1` }),
  };
}
