import { Inject, Injectable } from '@nestjs/common';
import { sql, type Transaction } from 'kysely';
import type { Observasjon } from '../saker/domain/sak.js';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { SakRow } from './saker.repository.js';
import type { DatabaseSchema } from './schema.js';

type Executor = Transaction<DatabaseSchema> | Db;

/** One accepted webhook: its case, inbox entry and lookup job. The job's actor is the case's `kilde`. */
export interface ReceivedWebhook {
  sakId: string;
  jobId: string;
  kilde: string;
  source: string;
  webhookId: string;
  /** SHA-256 (hex) of the raw body, to tell a redelivery from a reused id. */
  bodySha256: string;
  observasjon: Observasjon;
}

/** The inbox: which case each (source, webhook-id) created, so a redelivery finds it again. */
@Injectable()
export class InboundWebhooksRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /**
   * Many webhooks' cases, inbox entries and lookup jobs in one statement, atomic on its own: one
   * round trip, one plan and one commit for the whole batch (a statement costs PGlite about as
   * much as fifty rows). The rows travel as one JSON parameter, which both drivers escape alike.
   * The inbox insert comes first and feeds the others, so a known (source, webhook-id), or the
   * same one twice in the batch, inserts nothing for the later one: its case is absent from the
   * result. On PostgreSQL a concurrent insert of the same id waits for the other transaction.
   * Foreign keys between the rows are checked at the end of the statement.
   */
  async insertFromWebhooks(executor: Executor, received: readonly ReceivedWebhook[]): Promise<SakRow[]> {
    if (received.length === 0) return [];
    const input = JSON.stringify(
      received.map(({ sakId, jobId, kilde, source, webhookId, bodySha256, observasjon }) => ({
        sak_id: sakId,
        job_id: jobId,
        kilde,
        source,
        webhook_id: webhookId,
        body_sha256: bodySha256,
        kjennemerke: observasjon.kjennemerke ?? null,
        understellsnummer: observasjon.understellsnummer ?? null,
        // Through Date, as before batching: millisecond precision, stored as the same instant.
        observert_tidspunkt: new Date(observasjon.observertTidspunkt).toISOString(),
        sted: observasjon.sted,
        beskrivelse: observasjon.beskrivelse ?? null,
        meldt_av: observasjon.meldtAv ?? null,
      })),
    );
    const { rows } = await sql<SakRow>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS i(
          sak_id uuid, job_id uuid, kilde text, source text, webhook_id text, body_sha256 text,
          kjennemerke text, understellsnummer text, observert_tidspunkt timestamptz, sted jsonb,
          beskrivelse text, meldt_av text)
      ), inbox AS (
        INSERT INTO inbound_webhooks (source, webhook_id, sak_id, body_sha256)
        SELECT source, webhook_id, sak_id, body_sha256 FROM input
        ON CONFLICT (source, webhook_id) DO NOTHING
        RETURNING sak_id
      ), sak AS (
        INSERT INTO saker (id, status, kilde, kjennemerke, understellsnummer, observert_tidspunkt, sted, beskrivelse, meldt_av)
        SELECT input.sak_id, 'MOTTATT', input.kilde, input.kjennemerke, input.understellsnummer,
          input.observert_tidspunkt, input.sted, input.beskrivelse, input.meldt_av
        FROM input JOIN inbox ON inbox.sak_id = input.sak_id
        RETURNING *
      ), job AS (
        INSERT INTO lookup_jobs (id, sak_id, status, actor)
        SELECT input.job_id, sak.id, 'PENDING', input.kilde FROM sak JOIN input ON input.sak_id = sak.id
      )
      SELECT * FROM sak`.execute(executor);
    return rows;
  }

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
