import { Inject, Injectable } from '@nestjs/common';
import { StatusEventsOutbox } from '../deliveries/status-events.outbox.js';
import { DATABASE } from '../persistence/database.constants.js';
import type { Database } from '../persistence/database.js';
import { LookupJobsRepository } from '../persistence/lookup-jobs.repository.js';
import type { Sak } from '../saker/domain/sak.js';
import { toSak, type AuditLogEntry } from '../saker/sak.mapper.js';
import { SakerService } from '../saker/saker.service.js';
import {
  CASE_LIST_PAGE_SIZE,
  type CaseListFilter,
  type Refusal,
  type SakHendelse,
  type Transition,
  type TransitionResult,
} from './case-work.js';
import { CaseWorkRepository, type CaseWorkState, type SakHendelseRow } from '../persistence/case-work.repository.js';

/** One entry of a case's timeline: a case event or a register lookup made for the case. */
export type TimelineEntry =
  | { kind: 'opprettet'; tidspunkt: string; actor: string }
  | { kind: 'hendelse'; tidspunkt: string; actor: string; hendelse: SakHendelse }
  | { kind: 'oppslag'; tidspunkt: string; actor: string; oppslag: AuditLogEntry };

export interface CaseListPage {
  saker: Sak[];
  total: number;
  side: number;
  sider: number;
  sideStorrelse: number;
}

/**
 * Why a transition cannot happen in the case's current state; undefined when it can. A closed
 * case takes nothing more (not even a new register lookup: there is no purpose left for one).
 */
export function refusalOf(
  state: Pick<CaseWorkState, 'fjernet' | 'lukket'>,
  transition: Transition,
): Refusal | undefined {
  if (state.lukket) {
    const message = {
      lukket: 'Saken er allerede lukket.',
      varsel_sendt: 'Saken er lukket. Du kan ikke registrere varsel på en lukket sak.',
      fjernet: 'Saken er lukket. Du kan ikke registrere at kjøretøyet er fjernet på en lukket sak.',
      nytt_oppslag: 'Saken er lukket. Du kan ikke gjøre nytt oppslag på en lukket sak.',
    }[transition.kind];
    return { code: 'SAK_LUKKET', message };
  }
  if (transition.kind === 'fjernet' && state.fjernet) {
    return { code: 'ALLEREDE_FJERNET', message: 'Kjøretøyet er allerede registrert som fjernet.' };
  }
  return undefined;
}

function detailsOf(transition: Transition): Record<string, string> {
  switch (transition.kind) {
    case 'varsel_sendt':
      return { kanal: transition.kanal, sendt: transition.sendt.toISOString() };
    case 'fjernet':
      return {
        fjernet: transition.fjernet.toISOString(),
        ...(transition.merknad ? { merknad: transition.merknad } : {}),
      };
    case 'lukket':
      return { grunn: transition.grunn, ...(transition.merknad ? { merknad: transition.merknad } : {}) };
    case 'nytt_oppslag':
      return {};
  }
}

export function toHendelse(row: SakHendelseRow): SakHendelse {
  return {
    id: row.id,
    sakId: row.sak_id,
    tidspunkt: row.occurred_at.toISOString(),
    actor: row.actor,
    type: row.type,
    details: row.details,
  };
}

/**
 * Case work by people: each change of a case's state and its event on the timeline commit in one
 * transaction, under a lock on the case's row, so the timeline always explains the state.
 */
@Injectable()
export class CaseWorkService {
  constructor(
    private readonly repository: CaseWorkRepository,
    private readonly jobs: LookupJobsRepository,
    private readonly saker: SakerService,
    private readonly outbox: StatusEventsOutbox,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async apply(sakId: string, actor: string, transition: Transition): Promise<TransitionResult> {
    return this.database.db.transaction().execute(async (trx): Promise<TransitionResult> => {
      const state = await this.repository.lockForUpdate(trx, sakId);
      if (!state) return { ok: false, reason: 'not_found' };
      const refusal = refusalOf(state, transition);
      if (refusal) return { ok: false, reason: 'refused', refusal };
      const at = new Date();
      await this.repository.applyState(trx, sakId, transition, at);
      // The audited asker of the lookup is the person; the job joins one already pending.
      if (transition.kind === 'nytt_oppslag') await this.jobs.enqueue(trx, sakId, actor);
      if (transition.kind === 'lukket') {
        await this.outbox.caseClosed(trx, { id: sakId, lukket: at, lukketGrunn: transition.grunn });
      }
      const row = await this.repository.insertEvent(trx, {
        sakId,
        actor,
        type: transition.kind,
        details: detailsOf(transition),
        at,
      });
      return { ok: true, hendelse: toHendelse(row) };
    });
  }

  async events(sakId: string): Promise<SakHendelse[]> {
    return (await this.repository.events(sakId)).map(toHendelse);
  }

  /** Creation, case events and the case's register lookups, oldest first. */
  async timeline(sak: Sak): Promise<TimelineEntry[]> {
    const [hendelser, oppslag] = await Promise.all([this.events(sak.id), this.saker.auditLog(sak.id)]);
    const entries: TimelineEntry[] = [
      { kind: 'opprettet', tidspunkt: sak.opprettet, actor: sak.kilde },
      ...hendelser.map(
        (hendelse): TimelineEntry => ({
          kind: 'hendelse',
          tidspunkt: hendelse.tidspunkt,
          actor: hendelse.actor,
          hendelse,
        }),
      ),
      ...oppslag.map(
        (entry): TimelineEntry => ({
          kind: 'oppslag',
          tidspunkt: entry.tidspunkt,
          actor: entry.actor ?? '–',
          oppslag: entry,
        }),
      ),
    ];
    // A stable sort keeps creation first and each source's own order on equal times.
    return entries.sort((a, b) => Date.parse(a.tidspunkt) - Date.parse(b.tidspunkt));
  }

  /** Page `side` (from 1) of the cases matching `filter`; a page past the end is empty, not an error. */
  async list(filter: CaseListFilter, side: number, sideStorrelse = CASE_LIST_PAGE_SIZE): Promise<CaseListPage> {
    const { rows, total } = await this.repository.list(filter, {
      limit: sideStorrelse,
      offset: (side - 1) * sideStorrelse,
    });
    return {
      saker: rows.map(toSak),
      total,
      side,
      sider: Math.max(1, Math.ceil(total / sideStorrelse)),
      sideStorrelse,
    };
  }
}
