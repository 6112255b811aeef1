import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { DatabaseSchema } from './schema.js';

/** The inbox: which case each (source, webhook-id) created, so a redelivery finds it again. */
@Injectable()
export class InboundWebhooksRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /**
   * False when the id was already recorded. On PostgreSQL a concurrent insert of the same id waits
   * for the other transaction and then sees the conflict, so two racing deliveries make one case.
   */
  async record(trx: Transaction<DatabaseSchema>, source: string, webhookId: string, sakId: string): Promise<boolean> {
    const inserted = await trx
      .insertInto('inbound_webhooks')
      .values({ source, webhook_id: webhookId, sak_id: sakId })
      .onConflict((oc) => oc.columns(['source', 'webhook_id']).doNothing())
      .returning('sak_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async findSakId(source: string, webhookId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('inbound_webhooks')
      .select('sak_id')
      .where('source', '=', source)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst();
    return row?.sak_id;
  }
}
