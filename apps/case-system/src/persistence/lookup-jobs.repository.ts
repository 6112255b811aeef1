import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Transaction } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import { backForRetry, nowPlus } from './lease.js';
import type { JobStatus } from '../saker/domain/sak.js';
import type { DatabaseSchema } from './schema.js';

export interface ClaimedJob {
  id: string;
  sakId: string;
  actor: string;
  /** Claims so far, this one included. */
  attempts: number;
}

/**
 * The durable queue behind the worker. Every state change after a claim is fenced on
 * `locked_by`: a worker whose lease ran out (and whose job another worker took) changes nothing.
 */
@Injectable()
export class LookupJobsRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /** Joins a pending job for the case if there is one (one pending lookup per case). */
  async enqueue(trx: Transaction<DatabaseSchema> | Db, sakId: string, actor: string): Promise<void> {
    await trx
      .insertInto('lookup_jobs')
      .values({ id: randomUUID(), sak_id: sakId, status: 'PENDING', actor })
      .onConflict((oc) => oc.column('sak_id').where('status', '=', 'PENDING').doNothing())
      .execute();
  }

  /**
   * Claims up to `limit` due jobs. SKIP LOCKED lets several instances claim side by side without
   * waiting on each other's rows; the lease makes a job visible again if its worker dies.
   */
  async claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const { rows } = await sql<{ id: string; sak_id: string; actor: string; attempts: number }>`
      WITH due AS (
        SELECT id FROM lookup_jobs
        WHERE status = 'PENDING' AND run_after <= now() AND (locked_until IS NULL OR locked_until < now())
        ORDER BY run_after
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE lookup_jobs AS j
      SET locked_by = ${workerId}, locked_until = ${nowPlus(leaseMs)},
          attempts = j.attempts + 1, updated_at = now()
      FROM due WHERE j.id = due.id
      RETURNING j.id, j.sak_id, j.actor, j.attempts`.execute(this.db);
    return rows.map((r) => ({ id: r.id, sakId: r.sak_id, actor: r.actor, attempts: Number(r.attempts) }));
  }

  /** Heartbeat: keeps the lease of jobs still running. */
  async extendLease(ids: string[], workerId: string, leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('lookup_jobs')
      .set({ locked_until: nowPlus(leaseMs) })
      .where('id', 'in', ids)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'PENDING')
      .execute();
  }

  /** Ends the job inside the caller's transaction; false when the lease was lost (roll back). */
  async finish(
    trx: Transaction<DatabaseSchema>,
    id: string,
    workerId: string,
    status: Exclude<JobStatus, 'PENDING'>,
    lastError: string | null,
  ): Promise<boolean> {
    const result = await trx
      .updateTable('lookup_jobs')
      .set({
        status,
        last_error: lastError,
        locked_until: null,
        finished_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /**
   * Ends many jobs with the same status and no error, inside the caller's transaction, in one
   * statement; returns the ids still owned by `workerId` (the rest lost their lease: leave them).
   */
  async finishMany(
    trx: Transaction<DatabaseSchema>,
    ids: readonly string[],
    workerId: string,
    status: Exclude<JobStatus, 'PENDING'>,
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await trx
      .updateTable('lookup_jobs')
      .set({
        status,
        last_error: null,
        locked_until: null,
        finished_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', 'in', [...ids])
      .where('locked_by', '=', workerId)
      .where('status', '=', 'PENDING')
      .returning('id')
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** Puts the job back for a later try (see `backForRetry` for `countsAsAttempt`). */
  async reschedule(
    id: string,
    workerId: string,
    delayMs: number,
    lastError: string,
    countsAsAttempt: boolean,
  ): Promise<void> {
    await this.db
      .updateTable('lookup_jobs')
      .set({
        ...backForRetry(delayMs, countsAsAttempt),
        last_error: lastError,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'PENDING')
      .execute();
  }
}
