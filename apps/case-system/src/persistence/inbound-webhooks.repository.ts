import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';

/** The inbox: which case each (source, webhook-id) created, so a redelivery finds it again. */
@Injectable()
export class InboundWebhooksRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /** The inbox is written by SakerRepository.insertFromWebhook, in the statement that makes the case. */
  async find(source: string, webhookId: string): Promise<{ sakId: string; bodySha256: string | null } | undefined> {
    const row = await this.db
      .selectFrom('inbound_webhooks')
      .select(['sak_id', 'body_sha256'])
      .where('source', '=', source)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst();
    return row ? { sakId: row.sak_id, bodySha256: row.body_sha256 } : undefined;
  }
}
