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
    const body = JSON.stringify(payload);
    await this.deliveries.insert(
      trx,
      urls.map((url) => ({
        id: randomUUID(),
        event_id: eventId,
        event_type: STATUS_EVENT_TYPE,
        subscriber_url: url,
        sak_id: sak.id,
        payload: body,
      })),
    );
  }
}
