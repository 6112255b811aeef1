import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { DATABASE } from '../persistence/database.constants.js';
import type { Database } from '../persistence/database.js';
import { LookupJobsRepository, type ClaimedJob } from '../persistence/lookup-jobs.repository.js';
import { SakerRepository } from '../persistence/saker.repository.js';
import { StatusEventsOutbox } from '../deliveries/status-events.outbox.js';
import { PollingLoop, workerIdentity } from '../utils/polling-loop.js';
import type { CaseLookupOutcome } from './lookup-outcome.js';
import { LookupService } from './lookup.service.js';
import { decideAfterFailure } from './retry-schedule.js';

/** Thrown inside the completion transaction to roll it back when another worker owns the job. */
class LeaseLostError extends Error {}

/**
 * Claims lookup jobs (`FOR UPDATE SKIP LOCKED` with a lease), runs them, and records the outcome
 * together with the job's end and the outbound status event in one transaction. While a job runs
 * its lease is renewed; if the process dies the lease runs out and another worker takes the job.
 */
@Injectable()
export class LookupWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LookupWorker.name);
  readonly workerId = workerIdentity('lookup');
  private readonly running = new Map<string, Promise<void>>();
  private readonly loop: PollingLoop;
  /** The last claim filled every free slot, so more jobs are probably waiting. */
  private backlog = false;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: LookupJobsRepository,
    private readonly saker: SakerRepository,
    private readonly lookups: LookupService,
    private readonly outbox: StatusEventsOutbox,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {
    this.loop = new PollingLoop(
      config.lookup.worker.pollIntervalMs,
      () => this.tick(),
      (error) =>
        this.logger.error({ msg: 'Lookup poll failed', errorName: error instanceof Error ? error.name : 'unknown' }),
    );
  }

  onApplicationBootstrap(): void {
    const worker = this.config.lookup.worker;
    if (!worker.enabled) return;
    this.loop.start();
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(worker.leaseMs / 3)));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled(this.running.values());
    clearInterval(this.heartbeat);
  }

  private async tick(): Promise<boolean> {
    const { concurrency, leaseMs } = this.config.lookup.worker;
    const free = concurrency - this.running.size;
    if (free <= 0) return false;
    const claimed = await this.jobs.claim(this.workerId, free, leaseMs);
    this.backlog = claimed.length === free;
    for (const job of claimed) {
      const run = this.run(job).finally(() => {
        this.running.delete(job.id);
        // Without this a full worker would wait out the poll interval with free slots and a queue.
        if (this.backlog) this.loop.wake();
      });
      this.running.set(job.id, run);
    }
    return this.backlog;
  }

  private async renewLeases(): Promise<void> {
    try {
      await this.jobs.extendLease([...this.running.keys()], this.workerId, this.config.lookup.worker.leaseMs);
    } catch (error) {
      this.logger.warn({ msg: 'Lease renewal failed', errorName: error instanceof Error ? error.name : 'unknown' });
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    try {
      const sak = await this.saker.findById(this.database.db, job.sakId);
      if (!sak) {
        await this.complete(job, { status: 'FEILET', feilarsak: 'Saken finnes ikke' }, 'FAILED');
        return;
      }
      let outcome: CaseLookupOutcome;
      try {
        outcome = await this.lookups.lookup(sak, job.actor);
      } catch (error) {
        await this.handleFailure(job, error);
        return;
      }
      await this.complete(job, outcome, 'DONE');
    } catch (error) {
      // The job stays PENDING; its lease runs out and it is tried again.
      this.logger.error({
        msg: 'Lookup job crashed',
        jobId: job.id,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  private async handleFailure(job: ClaimedJob, error: unknown): Promise<void> {
    const decision = decideAfterFailure(error, job.attempts, this.config.lookup.worker);
    const log = { jobId: job.id, sakId: job.sakId, attempts: job.attempts, reason: decision.reason };
    switch (decision.kind) {
      case 'retry':
        await this.jobs.reschedule(job.id, this.workerId, decision.delayMs, decision.reason, true);
        this.logger.warn({ msg: 'Lookup failed; will retry', ...log, delayMs: decision.delayMs });
        return;
      case 'wait-for-quota':
        await this.jobs.reschedule(job.id, this.workerId, decision.delayMs, decision.reason, false);
        this.logger.warn({ msg: 'Lookup quota spent; waiting', ...log, delayMs: decision.delayMs });
        return;
      case 'not-sent':
        await this.jobs.reschedule(job.id, this.workerId, decision.delayMs, decision.reason, false);
        this.logger.warn({ msg: 'Lookup not sent: its audit intent could not be written; will retry', ...log });
        return;
      case 'permanent':
        await this.complete(job, { status: 'FEILET', feilarsak: decision.reason }, 'FAILED');
        this.logger.warn({ msg: 'Lookup failed permanently', ...log });
    }
  }

  private async complete(job: ClaimedJob, outcome: CaseLookupOutcome, jobStatus: 'DONE' | 'FAILED'): Promise<void> {
    try {
      await this.database.db.transaction().execute(async (trx) => {
        const owned = await this.jobs.finish(
          trx,
          job.id,
          this.workerId,
          jobStatus,
          jobStatus === 'FAILED' ? (outcome.feilarsak ?? null) : null,
        );
        if (!owned) throw new LeaseLostError();
        const before = await this.saker.findById(trx, job.sakId, true);
        const after = await this.saker.applyOutcome(trx, job.sakId, outcome, this.config.lookup.varselFristDager);
        if (before?.status !== after.status) await this.outbox.statusChanged(trx, after, before?.status ?? null);
      });
      this.logger.log({
        msg: 'Lookup completed',
        jobId: job.id,
        sakId: job.sakId,
        status: outcome.status,
        attempts: job.attempts,
      });
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      this.logger.warn({ msg: 'Lease lost before completion; result discarded', jobId: job.id, sakId: job.sakId });
    }
  }
}
