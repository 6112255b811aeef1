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

/**
 * `created` for a new case, `replayed` for a redelivery (same body, or a row from before bodies
 * had digests), `conflict` for a known webhook-id with another body.
 */
export type Received =
  | { kind: 'created' | 'replayed'; sak: SakRow }
  | { kind: 'conflict'; firstBodySha256: string; bodySha256: string };

interface KnownWebhook {
  sak: SakRow;
  bodySha256: string | null;
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

  async findByWebhook(source: string, webhookId: string): Promise<KnownWebhook | undefined> {
    const known = await this.inbound.find(source, webhookId);
    const sak = known ? await this.saker.findById(this.database.db, known.sakId) : undefined;
    return known && sak ? { sak, bodySha256: known.bodySha256 } : undefined;
  }

  /** What a webhook-id already known answers: its case if the body is the same, else a conflict. */
  redelivery(known: KnownWebhook, bodySha256: string): Received {
    if (known.bodySha256 === null || known.bodySha256 === bodySha256) return { kind: 'replayed', sak: known.sak };
    return { kind: 'conflict', firstBodySha256: known.bodySha256, bodySha256 };
  }

  /**
   * Case, inbox entry, lookup job and the "MOTTATT" event commit together or not at all. A
   * concurrent delivery of the same webhook-id loses the inbox insert and gets the winner's case.
   * Without subscribers there is no event, and the single statement is its own transaction.
   */
  async receiveObservasjon(
    source: string,
    webhookId: string,
    bodySha256: string,
    observasjon: Observasjon,
  ): Promise<Received> {
    const received = {
      sakId: randomUUID(),
      jobId: randomUUID(),
      kilde: `webhook:${source}`,
      source,
      webhookId,
      bodySha256,
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
      return { kind: 'created', sak };
    } catch (error) {
      if (!(error instanceof AlreadyReceived)) throw error;
      const existing = await this.findByWebhook(source, webhookId);
      if (!existing) throw error;
      return this.redelivery(existing, bodySha256);
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
