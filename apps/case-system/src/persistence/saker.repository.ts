import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type Transaction } from 'kysely';
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

@Injectable()
export class SakerRepository {
  readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  async findById(executor: Executor, id: string): Promise<SakRow | undefined> {
    return executor.selectFrom('saker').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The cases of a batch of lookup jobs, in one query; a missing id is simply absent. */
  async findByIds(executor: Executor, ids: readonly string[]): Promise<SakRow[]> {
    if (ids.length === 0) return [];
    return executor
      .selectFrom('saker')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  /** The status of each case, rows locked until the caller's transaction ends. */
  async statusesForUpdate(trx: Executor, ids: readonly string[]): Promise<Map<string, SakStatus>> {
    if (ids.length === 0) return new Map();
    const rows = await trx
      .selectFrom('saker')
      .select(['id', 'status'])
      .where('id', 'in', [...ids])
      .orderBy('id')
      .forUpdate()
      .execute();
    return new Map(rows.map((row) => [row.id, row.status]));
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

  /**
   * Records lookup outcomes, many cases in one statement (a batch of lookups), returning the
   * updated rows; cases not in the table are left out. The notice deadline runs from the moment
   * the owner was found.
   */
  async applyOutcomes(
    trx: Executor,
    outcomes: readonly { id: string; outcome: CaseLookupOutcome }[],
    varselFristDager: number,
  ): Promise<SakRow[]> {
    if (outcomes.length === 0) return [];
    const values = outcomes.map(
      ({ id, outcome }) =>
        sql`(${id}::uuid, ${outcome.status}::text, ${outcome.kjoretoy ? JSON.stringify(outcome.kjoretoy) : null}::jsonb, ${
          outcome.eier ? JSON.stringify(outcome.eier) : null
        }::jsonb, ${outcome.feilarsak ?? null}::text)`,
    );
    const { rows } = await sql<SakRow>`
      UPDATE saker AS s
      SET status = v.status, kjoretoy = v.kjoretoy, eier = v.eier, feilarsak = v.feilarsak,
          eier_funnet_tidspunkt = CASE WHEN v.status = 'EIER_FUNNET' THEN now() END,
          varsel_frist = CASE WHEN v.status = 'EIER_FUNNET' THEN now() + make_interval(days => ${varselFristDager}) END,
          oppdatert = now()
      FROM (VALUES ${sql.join(values)}) AS v(id, status, kjoretoy, eier, feilarsak)
      WHERE s.id = v.id
      RETURNING s.*`.execute(trx);
    return rows;
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
