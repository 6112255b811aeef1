import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Agent, fetch } from 'undici';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { backoffMs } from '../lookups/retry-schedule.js';
import { PollingLoop, workerIdentity } from '../utils/polling-loop.js';
import { DeliveriesRepository, type DeliveryRow } from '../persistence/deliveries.repository.js';
import { signWebhook } from './signer.js';

const BATCH = 8;

/**
 * Sends pending status events to subscribers, signed per Standard Webhooks, until one answers
 * 2xx; failures back off exponentially up to `DELIVERY_MAX_ATTEMPTS`, then the row is FAILED.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly workerId = workerIdentity('delivery');
  private readonly agent: Agent;
  private readonly loop: PollingLoop;
  private stopped?: Promise<void>;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {
    const outbound = config.webhooks.outbound;
    // Own connection pool, closed on shutdown, so no keep-alive socket outlives the app.
    this.agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: outbound.timeoutMs } });
    this.loop = new PollingLoop(
      outbound.pollIntervalMs,
      () => this.tick(),
      (error) =>
        this.logger.error({ msg: 'Delivery poll failed', errorName: error instanceof Error ? error.name : 'unknown' }),
    );
  }

  onApplicationBootstrap(): void {
    const { outbound } = this.config.webhooks;
    if (this.config.lookup.worker.enabled && outbound.urls.length > 0 && outbound.secret) this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    // Once only: `app.close()` may run twice (a signal and a test's teardown).
    this.stopped ??= (async () => {
      await this.loop.stop();
      await this.agent.close();
    })();
    return this.stopped;
  }

  private async tick(): Promise<boolean> {
    const claimed = await this.deliveries.claim(this.workerId, BATCH, this.config.webhooks.outbound.leaseMs);
    await Promise.all(claimed.map((row) => this.deliver(row)));
    return claimed.length === BATCH;
  }

  private async deliver(row: DeliveryRow): Promise<void> {
    const outbound = this.config.webhooks.outbound;
    const body = JSON.stringify(row.payload);
    const headers = {
      ...signWebhook(outbound.secret as string, row.event_id, body),
      'content-type': 'application/json',
    };
    let status: number | null = null;
    let failure: string;
    try {
      const response = await fetch(row.subscriber_url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        dispatcher: this.agent,
        signal: AbortSignal.timeout(outbound.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (status >= 200 && status < 300) {
        await this.deliveries.markDelivered(row.id, this.workerId, status);
        this.logger.log({
          msg: 'Webhook delivered',
          deliveryId: row.id,
          eventId: row.event_id,
          attempts: row.attempts,
          status,
        });
        return;
      }
      failure = `HTTP ${status}`;
    } catch (error) {
      failure = error instanceof Error ? error.name : 'network error';
    }
    const giveUp = row.attempts >= outbound.maxAttempts;
    const delayMs = giveUp ? undefined : backoffMs(row.attempts, outbound.backoffBaseMs, outbound.backoffMaxMs);
    await this.deliveries.markAttemptFailed(row.id, this.workerId, status, failure, delayMs);
    this.logger.warn({
      msg: giveUp ? 'Webhook delivery gave up' : 'Webhook delivery failed; will retry',
      deliveryId: row.id,
      eventId: row.event_id,
      attempts: row.attempts,
      status,
      failure,
      delayMs,
    });
  }
}
