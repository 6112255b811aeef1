import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { SakRow } from '../persistence/saker.repository.js';
import type { DatabaseSchema } from '../persistence/schema.js';
import type { SakStatus } from '../saker/domain/sak-status.js';
import { DeliveriesRepository } from '../persistence/deliveries.repository.js';

const STATUS_EVENT_TYPE = 'sak.status_endret';
/** A case closed by a person (case work): subscribers stop their own follow-up. */
const CLOSED_EVENT_TYPE = 'sak.lukket';

/** What subscribers get: the change and where to read the case. No personal data travels here. */
interface StatusEventPayload {
  type: typeof STATUS_EVENT_TYPE;
  timestamp: string;
  data: {
    sakId: string;
    status: SakStatus;
    forrigeStatus: SakStatus | null;
    varselFrist: string | null;
    href: string;
  };
}

/** Only the reason code: the free-text note may name people and stays in the case system. */
interface ClosedEventPayload {
  type: typeof CLOSED_EVENT_TYPE;
  timestamp: string;
  data: { sakId: string; lukket: string; lukketGrunn: string; href: string };
}

/**
 * Writes one delivery per subscriber in the caller's transaction, so a status change and its
 * announcement commit together (outbox) and the delivery worker sends it afterwards.
 */
@Injectable()
export class StatusEventsOutbox {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  /** False when no subscriber is configured: status changes then write nothing. */
  get hasSubscribers(): boolean {
    return this.config.webhooks.outbound.urls.length > 0;
  }

  async statusChanged(trx: Transaction<DatabaseSchema>, sak: SakRow, forrigeStatus: SakStatus | null): Promise<void> {
    const urls = this.config.webhooks.outbound.urls;
    if (urls.length === 0) return;
    const eventId = `msg_${randomUUID().replaceAll('-', '')}`;
    const payload: StatusEventPayload = {
      type: STATUS_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: {
        sakId: sak.id,
        status: sak.status,
        forrigeStatus,
        varselFrist: sak.varsel_frist ? sak.varsel_frist.toISOString() : null,
        href: `/api/saker/${sak.id}`,
      },
    };
    await this.enqueue(trx, STATUS_EVENT_TYPE, sak.id, eventId, payload);
  }

  /** `sak.lukket`, in the transaction that closes the case. */
  async caseClosed(
    trx: Transaction<DatabaseSchema>,
    sak: { id: string; lukket: Date; lukketGrunn: string },
  ): Promise<void> {
    if (!this.hasSubscribers) return;
    const payload: ClosedEventPayload = {
      type: CLOSED_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: {
        sakId: sak.id,
        lukket: sak.lukket.toISOString(),
        lukketGrunn: sak.lukketGrunn,
        href: `/api/saker/${sak.id}`,
      },
    };
    await this.enqueue(trx, CLOSED_EVENT_TYPE, sak.id, `msg_${randomUUID().replaceAll('-', '')}`, payload);
  }

  private async enqueue(
    trx: Transaction<DatabaseSchema>,
    eventType: string,
    sakId: string,
    eventId: string,
    payload: StatusEventPayload | ClosedEventPayload,
  ): Promise<void> {
    const body = JSON.stringify(payload);
    await this.deliveries.insert(
      trx,
      this.config.webhooks.outbound.urls.map((url) => ({
        id: randomUUID(),
        event_id: eventId,
        event_type: eventType,
        subscriber_url: url,
        sak_id: sakId,
        payload: body,
      })),
    );
  }
}
