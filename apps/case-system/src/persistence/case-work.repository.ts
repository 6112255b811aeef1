import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable, type Transaction } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { SakHendelseType } from '../saker/domain/sak-hendelse.js';
import type { DatabaseSchema, SakHendelserTable } from './schema.js';
import type { SakRow } from './saker.repository.js';
import type { CaseListFilter, Transition } from '../case-work/case-work.js';

export type SakHendelseRow = Selectable<SakHendelserTable>;

/** What a transition needs to know about the case, read under a row lock. */
export interface CaseWorkState {
  id: string;
  observert_tidspunkt: Date;
  fjernet: Date | null;
  lukket: Date | null;
}

@Injectable()
export class CaseWorkRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /** The case's state, its row locked until the transaction ends, so two changes cannot interleave. */
  async lockForUpdate(trx: Transaction<DatabaseSchema>, id: string): Promise<CaseWorkState | undefined> {
    return trx
      .selectFrom('saker')
      .select(['id', 'observert_tidspunkt', 'fjernet', 'lukket'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  /** The case's new state after a transition; `nytt_oppslag` changes no column of its own. */
  async applyState(trx: Transaction<DatabaseSchema>, id: string, transition: Transition, at: Date): Promise<void> {
    if (transition.kind === 'nytt_oppslag') return;
    const set =
      transition.kind === 'varsel_sendt'
        ? { varsel_sendt: transition.sendt, varsel_kanal: transition.kanal }
        : transition.kind === 'fjernet'
          ? { fjernet: transition.fjernet }
          : { lukket: at, lukket_grunn: transition.grunn };
    await trx
      .updateTable('saker')
      .set({ ...set, oppdatert: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  async insertEvent(
    trx: Transaction<DatabaseSchema>,
    event: { sakId: string; actor: string; type: SakHendelseType; details: Record<string, string>; at: Date },
  ): Promise<SakHendelseRow> {
    return trx
      .insertInto('sak_hendelser')
      .values({
        id: randomUUID(),
        sak_id: event.sakId,
        occurred_at: event.at,
        actor: event.actor,
        type: event.type,
        details: JSON.stringify(event.details),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async events(sakId: string): Promise<SakHendelseRow[]> {
    return this.db
      .selectFrom('sak_hendelser')
      .selectAll()
      .where('sak_id', '=', sakId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
  }

  /** One page of the case list, newest first, and how many cases match in all. */
  async list(
    filter: CaseListFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: SakRow[]; total: number }> {
    let query = this.db.selectFrom('saker');
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.apen === 'apne') query = query.where('lukket', 'is', null);
    if (filter.apen === 'lukkede') query = query.where('lukket', 'is not', null);
    if (filter.fristPassert) {
      query = query
        .where('lukket', 'is', null)
        .where('varsel_sendt', 'is', null)
        .where('varsel_frist', '<', sql<Date>`now()`);
    }
    if (filter.kjennemerke) query = query.where('kjennemerke', '=', filter.kjennemerke);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('opprettet', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
  }
}
