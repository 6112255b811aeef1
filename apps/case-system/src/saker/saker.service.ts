import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../persistence/database.constants.js';
import type { Database } from '../persistence/database.js';
import { InboundWebhooksRepository } from '../persistence/inbound-webhooks.repository.js';
import { LookupJobsRepository } from '../persistence/lookup-jobs.repository.js';
import { AuditLogRepository } from '../persistence/audit-log.repository.js';
import { SakerRepository, type SakRow } from '../persistence/saker.repository.js';
import { StatusEventsOutbox } from '../deliveries/status-events.outbox.js';
import type { Observasjon, Sak } from './domain/sak.js';
import type { SakStatus } from './domain/sak-status.js';
import { toAuditLogEntry, toSak, type AuditLogEntry } from './sak.mapper.js';

/** Rolls back a transaction whose webhook-id turned out to be known already. */
class AlreadyReceived extends Error {}

interface Received {
  sak: SakRow;
  created: boolean;
}

@Injectable()
export class SakerService {
  constructor(
    private readonly saker: SakerRepository,
    private readonly inbound: InboundWebhooksRepository,
    private readonly jobs: LookupJobsRepository,
    private readonly audit: AuditLogRepository,
    private readonly outbox: StatusEventsOutbox,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async findByWebhook(source: string, webhookId: string): Promise<SakRow | undefined> {
    const sakId = await this.inbound.findSakId(source, webhookId);
    return sakId ? this.saker.findById(this.database.db, sakId) : undefined;
  }

  /**
   * Case, inbox entry, lookup job and the "MOTTATT" event commit together or not at all. A
   * concurrent delivery of the same webhook-id loses the inbox insert and gets the winner's case.
   * Without subscribers there is no event, and the single statement is its own transaction.
   */
  async receiveObservasjon(source: string, webhookId: string, observasjon: Observasjon): Promise<Received> {
    const received = {
      sakId: randomUUID(),
      jobId: randomUUID(),
      kilde: `webhook:${source}`,
      source,
      webhookId,
      observasjon,
    };
    try {
      const sak = this.outbox.hasSubscribers
        ? await this.database.db.transaction().execute(async (trx) => {
            const created = await this.saker.insertFromWebhook(trx, received);
            if (!created) throw new AlreadyReceived();
            await this.outbox.statusChanged(trx, created, null);
            return created;
          })
        : await this.saker.insertFromWebhook(this.database.db, received);
      if (!sak) throw new AlreadyReceived();
      return { sak, created: true };
    } catch (error) {
      if (!(error instanceof AlreadyReceived)) throw error;
      const existing = await this.findByWebhook(source, webhookId);
      if (!existing) throw error;
      return { sak: existing, created: false };
    }
  }

  async list(options: { limit: number; status?: SakStatus }): Promise<Sak[]> {
    return (await this.saker.list(options)).map(toSak);
  }

  async get(id: string): Promise<Sak | undefined> {
    const row = await this.saker.findWithJob(id);
    return row ? toSak(row) : undefined;
  }

  /** Queues a new lookup with `actor` as the audited asker; joins one already pending. */
  async requestLookup(id: string, actor: string): Promise<Sak | undefined> {
    const sak = await this.saker.findById(this.database.db, id);
    if (!sak) return undefined;
    await this.jobs.enqueue(this.database.db, id, actor);
    return this.get(id);
  }

  async auditLog(id: string): Promise<AuditLogEntry[]> {
    return (await this.audit.forCase(id)).map(toAuditLogEntry);
  }

  /** A data subject's access request: every lookup that queried the identifiers or was made for their cases. */
  async innsyn(identifier: { kjennemerke?: string; understellsnummer?: string }): Promise<AuditLogEntry[]> {
    const caseRefs = await this.saker.idsWithIdentifier(identifier);
    const identifiers = [identifier.kjennemerke, identifier.understellsnummer].filter((v): v is string => Boolean(v));
    return (await this.audit.touching(identifiers, caseRefs)).map(toAuditLogEntry);
  }
}
