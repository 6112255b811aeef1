import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Observasjon } from '../saker/domain/sak.js';
import type { SakStatus } from '../saker/domain/sak-status.js';
import type { CaseLookupOutcome } from '../lookups/lookup-outcome.js';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { DatabaseSchema, LookupJobsTable, SakerTable } from './schema.js';

export type SakRow = Selectable<SakerTable>;
export type SakWithJobRow = SakRow & {
  job_status: Selectable<LookupJobsTable>['status'] | null;
  job_attempts: number | null;
  job_run_after: Date | null;
  job_last_error: string | null;
};

type Executor = Transaction<DatabaseSchema> | Db;

/** What `insertFromWebhook` writes; the actor of the lookup job is the case's source (`kilde`). */
interface ReceivedWebhook {
  sakId: string;
  jobId: string;
  kilde: string;
  source: string;
  webhookId: string;
  /** SHA-256 (hex) of the raw body, to tell a redelivery from a reused id. */
  bodySha256: string;
  observasjon: Observasjon;
}

@Injectable()
export class SakerRepository {
  readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /**
   * A webhook's case, its inbox entry and its lookup job in one statement: one round trip instead
   * of five (begin, three inserts, commit), and atomic on its own. The inbox insert comes first and
   * feeds the others, so a known (source, webhook-id) inserts nothing and yields `undefined`; on
   * PostgreSQL a concurrent insert of the same id waits for the other transaction, as before.
   * Foreign keys between the three rows are checked at the end of the statement.
   */
  async insertFromWebhook(executor: Executor, received: ReceivedWebhook): Promise<SakRow | undefined> {
    const { sakId, jobId, kilde, source, webhookId, bodySha256, observasjon } = received;
    const { rows } = await sql<SakRow>`
      WITH inbox AS (
        INSERT INTO inbound_webhooks (source, webhook_id, sak_id, body_sha256)
        VALUES (${source}, ${webhookId}, ${sakId}::uuid, ${bodySha256})
        ON CONFLICT (source, webhook_id) DO NOTHING
        RETURNING sak_id
      ), sak AS (
        INSERT INTO saker (id, status, kilde, kjennemerke, understellsnummer, observert_tidspunkt, sted, beskrivelse, meldt_av)
        SELECT inbox.sak_id, 'MOTTATT', ${kilde}::text, ${observasjon.kjennemerke ?? null}::text,
          ${observasjon.understellsnummer ?? null}::text, ${new Date(observasjon.observertTidspunkt)}::timestamptz,
          ${JSON.stringify(observasjon.sted)}::jsonb, ${observasjon.beskrivelse ?? null}::text, ${observasjon.meldtAv ?? null}::text
        FROM inbox
        RETURNING *
      ), job AS (
        INSERT INTO lookup_jobs (id, sak_id, status, actor)
        SELECT ${jobId}::uuid, sak.id, 'PENDING', ${kilde}::text FROM sak
      )
      SELECT * FROM sak`.execute(executor);
    return rows[0];
  }

  async findById(executor: Executor, id: string, forUpdate = false): Promise<SakRow | undefined> {
    let query = executor.selectFrom('saker').selectAll().where('id', '=', id);
    if (forUpdate) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  /** The case with its latest lookup job, for the API and the web page. */
  async findWithJob(id: string): Promise<SakWithJobRow | undefined> {
    return this.withLatestJob().where('saker.id', '=', id).executeTakeFirst();
  }

  async list(options: { limit: number; status?: SakStatus }): Promise<SakWithJobRow[]> {
    let query = this.withLatestJob().orderBy('saker.opprettet', 'desc').orderBy('saker.id').limit(options.limit);
    if (options.status) query = query.where('saker.status', '=', options.status);
    return query.execute();
  }

  async idsWithIdentifier(identifier: { kjennemerke?: string; understellsnummer?: string }): Promise<string[]> {
    const rows = await this.db
      .selectFrom('saker')
      .select('id')
      .where((eb) =>
        eb.or([
          ...(identifier.kjennemerke ? [eb('kjennemerke', '=', identifier.kjennemerke)] : []),
          ...(identifier.understellsnummer ? [eb('understellsnummer', '=', identifier.understellsnummer)] : []),
        ]),
      )
      .execute();
    return rows.map((r) => r.id);
  }

  /** Records a lookup's outcome. The notice deadline runs from the moment the owner was found. */
  async applyOutcome(trx: Executor, id: string, outcome: CaseLookupOutcome, varselFristDager: number): Promise<SakRow> {
    const found = outcome.status === 'EIER_FUNNET';
    return trx
      .updateTable('saker')
      .set({
        status: outcome.status,
        kjoretoy: outcome.kjoretoy ? JSON.stringify(outcome.kjoretoy) : null,
        eier: outcome.eier ? JSON.stringify(outcome.eier) : null,
        feilarsak: outcome.feilarsak ?? null,
        eier_funnet_tidspunkt: found ? sql<Date>`now()` : null,
        varsel_frist: found ? sql<Date>`now() + make_interval(days => ${varselFristDager})` : null,
        oppdatert: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  private withLatestJob() {
    return this.db
      .selectFrom('saker')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('lookup_jobs')
            .select(['lookup_jobs.status', 'lookup_jobs.attempts', 'lookup_jobs.run_after', 'lookup_jobs.last_error'])
            .whereRef('lookup_jobs.sak_id', '=', 'saker.id')
            .orderBy('lookup_jobs.created_at', 'desc')
            .limit(1)
            .as('job'),
        (join) => join.onTrue(),
      )
      .selectAll('saker')
      .select([
        'job.status as job_status',
        'job.attempts as job_attempts',
        'job.run_after as job_run_after',
        'job.last_error as job_last_error',
      ]);
  }
}
