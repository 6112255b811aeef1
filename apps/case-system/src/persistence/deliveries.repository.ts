import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type Transaction } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { DatabaseSchema, WebhookDeliveriesTable } from './schema.js';

export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

const secs = (ms: number) => ms / 1000;

/** The outbound side of the outbox: one row per (event, subscriber), claimed like lookup jobs. */
@Injectable()
export class DeliveriesRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  async insert(
    trx: Transaction<DatabaseSchema>,
    rows: {
      id: string;
      event_id: string;
      event_type: string;
      subscriber_url: string;
      sak_id: string;
      payload: string;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('webhook_deliveries')
      .values(rows.map((row) => ({ ...row, status: 'PENDING' as const })))
      .onConflict((oc) => oc.columns(['event_id', 'subscriber_url']).doNothing())
      .execute();
  }

  async claim(workerId: string, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
    const { rows } = await sql<DeliveryRow>`
      WITH due AS (
        SELECT id FROM webhook_deliveries
        WHERE status = 'PENDING' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
        ORDER BY next_attempt_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE webhook_deliveries AS d
      SET locked_by = ${workerId}, locked_until = now() + make_interval(secs => ${secs(leaseMs)}), attempts = d.attempts + 1
      FROM due WHERE d.id = due.id
      RETURNING d.*`.execute(this.db);
    return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
  }

  async markDelivered(id: string, workerId: string, status: number): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: 'DELIVERED',
        last_status: status,
        last_error: null,
        locked_until: null,
        delivered_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  /** Schedules the next attempt, or gives up (`FAILED`) when `delayMs` is undefined. */
  async markAttemptFailed(
    id: string,
    workerId: string,
    lastStatus: number | null,
    lastError: string,
    delayMs: number | undefined,
  ): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: delayMs === undefined ? 'FAILED' : 'PENDING',
        last_status: lastStatus,
        last_error: lastError,
        locked_until: null,
        ...(delayMs === undefined
          ? {}
          : { next_attempt_at: sql<Date>`now() + make_interval(secs => ${secs(delayMs)})` }),
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }
}
