import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../persistence/database.constants.js';
import type { Database } from '../persistence/database.js';
import { InboundWebhooksRepository, type ReceivedWebhook } from '../persistence/inbound-webhooks.repository.js';
import { AuditLogRepository } from '../persistence/audit-log.repository.js';
import { SakerRepository, type SakRow } from '../persistence/saker.repository.js';
import { StatusEventsOutbox } from '../deliveries/status-events.outbox.js';
import { GroupCommit } from '../utils/group-commit.js';
import type { Observasjon, Sak } from './domain/sak.js';
import type { SakStatus } from './domain/sak-status.js';
import { toAuditLogEntry, toSak, type AuditLogEntry } from './sak.mapper.js';

/**
 * Most webhooks per intake statement: about 25 ms of PGlite work on a slow VM, so a full batch
 * does not hold up the next one noticeably, and the parameter stays far under any size limit.
 */
const INTAKE_MAX_BATCH = 100;
/**
 * Intake statements running at once. PGlite has one connection, so a second would only wait (and
 * take rows the next batch could carry); PostgreSQL overlaps one batch's commit with the next one.
 */
const INTAKE_IN_FLIGHT = { pglite: 1, postgres: 2 } as const;

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
  private readonly intake: GroupCommit<ReceivedWebhook, SakRow | undefined>;

  constructor(
    private readonly saker: SakerRepository,
    private readonly inbound: InboundWebhooksRepository,
    private readonly audit: AuditLogRepository,
    private readonly outbox: StatusEventsOutbox,
    @Inject(DATABASE) private readonly database: Database,
  ) {
    this.intake = new GroupCommit({
      flush: (received) => this.insertBatch(received),
      maxBatch: INTAKE_MAX_BATCH,
      maxInFlight: INTAKE_IN_FLIGHT[database.kind],
    });
  }

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
   * Case, inbox entry, lookup job and the "MOTTATT" event commit together or not at all, and the
   * answer waits for that commit. Concurrent webhooks are group-committed: one statement (and,
   * with subscribers, one transaction with their events) for every webhook that arrived while the
   * previous batch was being written. A delivery of a webhook-id that is known already, concurrent
   * or in the same batch, inserts nothing and gets the first delivery's case.
   */
  async receiveObservasjon(
    source: string,
    webhookId: string,
    bodySha256: string,
    observasjon: Observasjon,
  ): Promise<Received> {
    const sak = await this.intake.submit({
      sakId: randomUUID(),
      jobId: randomUUID(),
      kilde: `webhook:${source}`,
      source,
      webhookId,
      bodySha256,
      observasjon,
    });
    if (sak) return { kind: 'created', sak };
    const existing = await this.findByWebhook(source, webhookId);
    if (!existing) throw new Error('webhook-id neither inserted nor found');
    return this.redelivery(existing, bodySha256);
  }

  /**
   * A case a person opened by hand (from a lookup on the web page). It takes the same path as a
   * webhook, so case, inbox entry (source `web`, keyed by the case id), lookup job and status event
   * commit together; `kilde` and the job's audit actor are the person (`bruker:<name>`), so the
   * case's own register lookup is audited with them as actor.
   */
  async createByHand(observasjon: Observasjon, actor: string): Promise<SakRow> {
    const sakId = randomUUID();
    const sak = await this.intake.submit({
      sakId,
      jobId: randomUUID(),
      kilde: actor,
      source: 'web',
      webhookId: sakId,
      bodySha256: createHash('sha256').update(JSON.stringify(observasjon), 'utf8').digest('hex'),
      observasjon,
    });
    if (!sak) throw new Error('case created by hand was not inserted');
    return sak;
  }

  /** One batch: the rows in one statement; with subscribers, their events in the same transaction. */
  private async insertBatch(received: readonly ReceivedWebhook[]): Promise<(SakRow | undefined)[]> {
    const created = this.outbox.hasSubscribers
      ? await this.database.db.transaction().execute(async (trx) => {
          const rows = await this.inbound.insertFromWebhooks(trx, received);
          for (const row of rows) await this.outbox.statusChanged(trx, row, null);
          return rows;
        })
      : await this.inbound.insertFromWebhooks(this.database.db, received);
    const byId = new Map(created.map((row) => [row.id, row]));
    return received.map((item) => byId.get(item.sakId));
  }

  async list(options: { limit: number; status?: SakStatus }): Promise<Sak[]> {
    return (await this.saker.list(options)).map(toSak);
  }

  async get(id: string): Promise<Sak | undefined> {
    const row = await this.saker.findWithJob(id);
    return row ? toSak(row) : undefined;
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

  /** The innsyn web page: the lookups `innsyn` answers, and the cases about the vehicle (oldest first). */
  async innsynWithCases(identifier: {
    kjennemerke?: string;
    understellsnummer?: string;
  }): Promise<{ lookups: AuditLogEntry[]; saker: Sak[] }> {
    const lookups = await this.innsyn(identifier);
    const saker: Sak[] = [];
    // A vehicle has a handful of cases at most; one read each keeps the case query in one place.
    for (const id of await this.saker.idsWithIdentifier(identifier)) {
      const sak = await this.get(id);
      if (sak) saker.push(sak);
    }
    saker.sort((a, b) => a.opprettet.localeCompare(b.opprettet));
    return { lookups, saker };
  }
}
