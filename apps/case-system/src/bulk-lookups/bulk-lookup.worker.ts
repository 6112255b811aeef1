import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { decideAfterFailure } from '../lookups/retry-schedule.js';
import { LeasedBatches } from '../utils/leased-batches.js';
import { workerIdentity } from '../utils/polling-loop.js';
import { BulkLookupRunner } from './bulk-lookup.runner.js';
import { BulkLookupsRepository, type ClaimedItem, type ItemOutcome } from '../persistence/bulk-lookups.repository.js';

/**
 * Works through bulk lookups in the background, as `LookupWorker` does cases: claims up to
 * `WORKER_BATCH_SIZE` pending items of one bulk lookup (`FOR UPDATE SKIP LOCKED` with a lease),
 * looks them up as one bulk request (`BulkLookupRunner`), and records each item's outcome, the
 * batch's in one transaction fenced on the lease. A failure is judged per item by
 * `decideAfterFailure`, so a failed request reschedules exactly the items it carried. While a batch
 * runs its leases are renewed; if the process dies they run out and the items are taken again
 * (claiming, leases and concurrency are `LeasedBatches`, shared with `LookupWorker`; no linger:
 * a claim takes one bulk lookup's items, which are all queued already). Nothing depends on a
 * browser: closing the tab changes nothing.
 */
@Injectable()
export class BulkLookupWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BulkLookupWorker.name);
  readonly workerId = workerIdentity('bulk');
  private readonly batches: LeasedBatches<ClaimedItem>;

  constructor(
    private readonly bulks: BulkLookupsRepository,
    private readonly runner: BulkLookupRunner,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {
    this.batches = new LeasedBatches(
      { ...config.lookup.worker, batchLingerMs: 0 },
      {
        claim: (limit, leaseMs) => this.bulks.claim(this.workerId, limit, leaseMs),
        renew: async (batches, leaseMs) => {
          // One bulk lookup per batch (see `claim`), so one statement per batch.
          for (const items of batches) {
            const bulkId = items[0]?.bulkId;
            if (bulkId === undefined) continue;
            await this.bulks.extendLease(
              bulkId,
              items.map((item) => item.line),
              this.workerId,
              leaseMs,
            );
          }
        },
        run: (batch) => this.runBatch(batch),
        onPollError: (error) =>
          this.logger.error({
            msg: 'Bulk lookup poll failed',
            errorName: error instanceof Error ? error.name : 'unknown',
          }),
        onRenewError: (error) =>
          this.logger.warn({
            msg: 'Bulk lease renewal failed',
            errorName: error instanceof Error ? error.name : 'unknown',
          }),
      },
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.lookup.worker.enabled) this.batches.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.batches.stop();
  }

  /** Starts a batch now instead of after the poll interval (a new bulk lookup was queued). */
  wake(): void {
    this.batches.wake();
  }

  private async runBatch(items: ClaimedItem[]): Promise<void> {
    const bulkId = items[0]?.bulkId;
    if (bulkId === undefined) return;
    const worker = this.config.lookup.worker;
    try {
      const bulk = await this.bulks.find(bulkId);
      if (!bulk) return;
      await this.bulks.markRunning(bulkId);
      const results = await this.runner.run(bulk, items);
      const outcomes: ItemOutcome[] = [];
      const failures: { item: ClaimedItem; error: unknown }[] = [];
      items.forEach((item, index) => {
        const result = results[index];
        if (result?.ok) outcomes.push(result.outcome);
        else failures.push({ item, error: result ? result.error : new Error('no lookup result') });
      });
      let rescheduled = 0;
      for (const { item, error } of failures) {
        const decision = decideAfterFailure(error, item.attempts, worker);
        if (decision.kind === 'permanent') {
          outcomes.push({ line: item.line, result: 'failed', feilarsak: decision.reason });
          continue;
        }
        await this.bulks.reschedule(
          bulkId,
          item.line,
          this.workerId,
          decision.delayMs,
          decision.reason,
          decision.kind === 'retry',
        );
        rescheduled += 1;
      }
      const recorded = await this.bulks.complete(bulkId, this.workerId, outcomes);
      // Codes and counts only: the items' identifiers never reach a log line.
      this.logger.log({
        msg: 'Bulk lookup batch completed',
        bulkId,
        items: items.length,
        recorded: recorded.size,
        rescheduled,
        lostLease: outcomes.length - recorded.size,
      });
    } catch (error) {
      // The items stay PENDING; their leases run out and they are taken again.
      this.logger.error({
        msg: 'Bulk lookup batch crashed',
        bulkId,
        items: items.length,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
}
