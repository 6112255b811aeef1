import { randomUUID } from 'node:crypto';
import type { EierForVarsel, TekniskSammendrag } from '@kjoretoyregister/core';
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type Transaction } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import { backForRetry, nowPlus } from './lease.js';
import type { BulkItemResult, BulkLookupKind, BulkLookupsTable, BulkLookupStatus, DatabaseSchema } from './schema.js';

export type BulkLookupRow = Selectable<BulkLookupsTable>;

/** A validated line, ready to queue. */
export interface NewBulkItem {
  line: number;
  value: string;
  dtg?: string;
}

export interface NewBulkLookup {
  createdBy: string;
  actor: string;
  purpose: string;
  legalBasis: string;
  kind: BulkLookupKind;
  includeFodselsnummer: boolean;
  items: readonly NewBulkItem[];
}

export interface ClaimedItem {
  bulkId: string;
  line: number;
  value: string;
  dtg: string | null;
  /** Claims so far, this one included. */
  attempts: number;
}

/** What one item's lookup came to; only projections are kept. */
export interface ItemOutcome {
  line: number;
  result: BulkItemResult;
  kjoretoy?: TekniskSammendrag;
  eier?: EierForVarsel;
  feilarsak?: string;
}

/** Counts per state and result; `done` is every item that has a result. */
export interface BulkCounts {
  total: number;
  done: number;
  pending: number;
  cancelled: number;
  found: number;
  notFound: number;
  shielded: number;
  unavailable: number;
  several: number;
  failed: number;
}

export interface BulkItemRow {
  line: number;
  value: string;
  dtg: string | null;
  status: 'PENDING' | 'DONE' | 'CANCELLED';
  result: BulkItemResult | null;
  kjoretoy: TekniskSammendrag | null;
  eier: EierForVarsel | null;
}

/** Rows per INSERT statement: well under PostgreSQL's 65 535 bind parameters at 5 per row. */
const INSERT_CHUNK = 1_000;

/**
 * The bulk lookups and their items, which are also the bulk worker's durable queue. As with
 * `lookup_jobs`, every change after a claim is fenced on `locked_by`: a worker whose lease ran out
 * (and whose items another worker took) changes nothing.
 */
@Injectable()
export class BulkLookupsRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /** The bulk lookup and every item, in one transaction: all lines are queued, or none. */
  async create(input: NewBulkLookup): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('bulk_lookups')
        .values({
          id,
          created_by: input.createdBy,
          actor: input.actor,
          purpose: input.purpose,
          legal_basis: input.legalBasis,
          kind: input.kind,
          include_fodselsnummer: input.includeFodselsnummer,
          status: 'QUEUED',
          total: input.items.length,
        })
        .execute();
      for (let start = 0; start < input.items.length; start += INSERT_CHUNK) {
        await trx
          .insertInto('bulk_lookup_items')
          .values(
            input.items.slice(start, start + INSERT_CHUNK).map((item) => ({
              bulk_id: id,
              line: item.line,
              value: item.value,
              dtg: item.dtg ?? null,
              status: 'PENDING' as const,
            })),
          )
          .execute();
      }
    });
    return id;
  }

  async find(id: string): Promise<BulkLookupRow | undefined> {
    return this.db.selectFrom('bulk_lookups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first; `createdBy` undefined lists everybody's (admins). */
  async list(createdBy: string | undefined, limit: number): Promise<BulkLookupRow[]> {
    let query = this.db.selectFrom('bulk_lookups').selectAll().orderBy('created_at', 'desc').limit(limit);
    if (createdBy !== undefined) query = query.where('created_by', '=', createdBy);
    return query.execute();
  }

  async counts(ids: readonly string[]): Promise<Map<string, BulkCounts>> {
    const result = new Map<string, BulkCounts>();
    if (ids.length === 0) return result;
    const { rows } = await sql<{
      bulk_id: string;
      total: string;
      pending: string;
      cancelled: string;
      found: string;
      not_found: string;
      shielded: string;
      unavailable: string;
      several: string;
      failed: string;
    }>`
      SELECT bulk_id,
        count(*) AS total,
        count(*) FILTER (WHERE status = 'PENDING') AS pending,
        count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
        count(*) FILTER (WHERE result = 'found') AS found,
        count(*) FILTER (WHERE result = 'not_found') AS not_found,
        count(*) FILTER (WHERE result = 'shielded') AS shielded,
        count(*) FILTER (WHERE result = 'unavailable') AS unavailable,
        count(*) FILTER (WHERE result = 'several') AS several,
        count(*) FILTER (WHERE result = 'failed') AS failed
      FROM bulk_lookup_items
      WHERE bulk_id IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})
      GROUP BY bulk_id`.execute(this.db);
    for (const row of rows) {
      const n = (value: string) => Number(value);
      const total = n(row.total);
      const pending = n(row.pending);
      const cancelled = n(row.cancelled);
      result.set(row.bulk_id, {
        total,
        pending,
        cancelled,
        done: total - pending - cancelled,
        found: n(row.found),
        notFound: n(row.not_found),
        shielded: n(row.shielded),
        unavailable: n(row.unavailable),
        several: n(row.several),
        failed: n(row.failed),
      });
    }
    return result;
  }

  /** Every item in line order, for the result file. */
  async items(bulkId: string): Promise<BulkItemRow[]> {
    return this.db
      .selectFrom('bulk_lookup_items')
      .select(['line', 'value', 'dtg', 'status', 'result', 'kjoretoy', 'eier'])
      .where('bulk_id', '=', bulkId)
      .orderBy('line')
      .execute();
  }

  /**
   * Pending items that are not running become CANCELLED; items a worker holds a live lease on
   * finish (their request may already be on its way), or, if that worker dies, become CANCELLED in
   * the next `claim` once their lease has run out. Returns false if the bulk lookup had ended.
   */
  async cancel(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('bulk_lookups')
        .set({ status: 'CANCELLED', finished_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('status', 'in', ['QUEUED', 'RUNNING'])
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) return false;
      await trx
        .updateTable('bulk_lookup_items')
        .set({ status: 'CANCELLED', finished_at: sql<Date>`now()` })
        .where('bulk_id', '=', id)
        .where('status', '=', 'PENDING')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
        .execute();
      return true;
    });
  }

  /**
   * Claims up to `limit` due items of one bulk lookup (the oldest with due items), so a batch has
   * one actor, purpose and legal basis and can be one bulk request. SKIP LOCKED lets instances
   * claim side by side; the lease makes an item visible again if its worker dies.
   *
   * First it settles what a cancel had to leave: items of a CANCELLED bulk lookup that a worker
   * held when it was cancelled, whose lease has since run out (the worker died) or which it put
   * back for a retry, are never claimed again, so they become CANCELLED here instead of staying
   * PENDING forever.
   */
  async claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedItem[]> {
    await sql`
      UPDATE bulk_lookup_items AS i
      SET status = 'CANCELLED', locked_until = NULL, finished_at = now()
      FROM bulk_lookups b
      WHERE b.id = i.bulk_id AND b.status = 'CANCELLED' AND i.status = 'PENDING'
        AND (i.locked_until IS NULL OR i.locked_until < now())`.execute(this.db);
    const { rows } = await sql<{ bulk_id: string; line: number; value: string; dtg: string | null; attempts: number }>`
      WITH next_bulk AS (
        SELECT i.bulk_id FROM bulk_lookup_items i JOIN bulk_lookups b ON b.id = i.bulk_id
        WHERE i.status = 'PENDING' AND b.status IN ('QUEUED', 'RUNNING') AND i.run_after <= now()
          AND (i.locked_until IS NULL OR i.locked_until < now())
        ORDER BY b.created_at, i.run_after, i.line
        LIMIT 1
      ), due AS (
        SELECT i.bulk_id, i.line FROM bulk_lookup_items i
        WHERE i.bulk_id = (SELECT bulk_id FROM next_bulk) AND i.status = 'PENDING' AND i.run_after <= now()
          AND (i.locked_until IS NULL OR i.locked_until < now())
        ORDER BY i.run_after, i.line
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE bulk_lookup_items AS i
      SET locked_by = ${workerId}, locked_until = ${nowPlus(leaseMs)},
          attempts = i.attempts + 1
      FROM due WHERE i.bulk_id = due.bulk_id AND i.line = due.line
      RETURNING i.bulk_id, i.line, i.value, i.dtg, i.attempts`.execute(this.db);
    return rows
      .map((r) => ({
        bulkId: r.bulk_id,
        line: Number(r.line),
        value: r.value,
        dtg: r.dtg,
        attempts: Number(r.attempts),
      }))
      .sort((a, b) => a.line - b.line);
  }

  /** The first claim of a bulk lookup marks it RUNNING. */
  async markRunning(bulkId: string): Promise<void> {
    await this.db
      .updateTable('bulk_lookups')
      .set({ status: 'RUNNING', started_at: sql<Date>`now()` })
      .where('id', '=', bulkId)
      .where('status', '=', 'QUEUED')
      .execute();
  }

  /** Heartbeat: keeps the lease of items still running. */
  async extendLease(bulkId: string, lines: readonly number[], workerId: string, leaseMs: number): Promise<void> {
    if (lines.length === 0) return;
    await this.db
      .updateTable('bulk_lookup_items')
      .set({ locked_until: nowPlus(leaseMs) })
      .where('bulk_id', '=', bulkId)
      .where('line', 'in', [...lines])
      .where('locked_by', '=', workerId)
      .where('status', '=', 'PENDING')
      .execute();
  }

  /**
   * Records outcomes in one transaction, each fenced on its lease (an item another worker took is
   * left alone), and ends the bulk lookup when nothing is left pending. Returns the lines recorded.
   */
  async complete(bulkId: string, workerId: string, outcomes: readonly ItemOutcome[]): Promise<Set<number>> {
    if (outcomes.length === 0) return new Set();
    return this.db.transaction().execute(async (trx) => {
      // Batches of one bulk lookup complete one at a time, on its row's lock. Without it, two
      // finishing together under READ COMMITTED each still see the other's items pending, and
      // neither ends the bulk lookup: it would stay RUNNING with every item done.
      await trx.selectFrom('bulk_lookups').select('id').where('id', '=', bulkId).forUpdate().execute();
      const recorded = new Set<number>();
      for (const outcome of outcomes) {
        const result = await trx
          .updateTable('bulk_lookup_items')
          .set({
            status: 'DONE',
            result: outcome.result,
            kjoretoy: outcome.kjoretoy === undefined ? null : JSON.stringify(outcome.kjoretoy),
            eier: outcome.eier === undefined ? null : JSON.stringify(outcome.eier),
            feilarsak: outcome.feilarsak ?? null,
            locked_until: null,
            finished_at: sql<Date>`now()`,
          })
          .where('bulk_id', '=', bulkId)
          .where('line', '=', outcome.line)
          .where('locked_by', '=', workerId)
          .where('status', '=', 'PENDING')
          .executeTakeFirst();
        if (result.numUpdatedRows === 1n) recorded.add(outcome.line);
      }
      await this.finishIfDone(trx, bulkId);
      return recorded;
    });
  }

  /** Puts an item back for a later try (see `backForRetry` for `countsAsAttempt`). */
  async reschedule(
    bulkId: string,
    line: number,
    workerId: string,
    delayMs: number,
    lastError: string,
    countsAsAttempt: boolean,
  ): Promise<void> {
    await this.db
      .updateTable('bulk_lookup_items')
      .set({
        ...backForRetry(delayMs, countsAsAttempt),
        feilarsak: lastError,
      })
      .where('bulk_id', '=', bulkId)
      .where('line', '=', line)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'PENDING')
      .execute();
  }

  private async finishIfDone(trx: Transaction<DatabaseSchema>, bulkId: string): Promise<void> {
    const running: BulkLookupStatus[] = ['QUEUED', 'RUNNING'];
    await trx
      .updateTable('bulk_lookups')
      .set({ status: 'DONE', finished_at: sql<Date>`now()` })
      .where('id', '=', bulkId)
      .where('status', 'in', running)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('bulk_lookup_items')
              .select('line')
              .where('bulk_id', '=', bulkId)
              .where('status', '=', 'PENDING'),
          ),
        ),
      )
      .execute();
  }
}
