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
import { LeasedBatches } from '../utils/leased-batches.js';
import { workerIdentity } from '../utils/polling-loop.js';
import type { CaseLookupOutcome } from './lookup-outcome.js';
import { LookupService, type CaseLookupResult } from './lookup.service.js';
import { decideAfterFailure } from './retry-schedule.js';

/** A job whose lookup has an outcome to record. */
interface Settled {
  job: ClaimedJob;
  outcome: CaseLookupOutcome;
  jobStatus: 'DONE' | 'FAILED';
}

/**
 * Claims lookup jobs (`FOR UPDATE SKIP LOCKED` with a lease) in batches of up to `batchSize`, and
 * looks each batch up as one bulk request, every item with its own case's `dtg` (a claim that finds
 * fewer waits `batchLingerMs` once for more). `concurrency` batches run at once. Each case is then
 * settled on its own terms: an outcome is recorded together with the job's end and the outbound
 * status event, the batch's outcomes in one transaction (each job still fenced on its lease); a
 * failure is retried or recorded per case (`decideAfterFailure`), so a failed request reschedules
 * exactly the cases it carried. While a batch runs its leases are renewed; if the process dies
 * the leases run out and another worker takes the jobs. Claiming, leases and concurrency are
 * `LeasedBatches`, shared with the bulk lookup worker.
 */
@Injectable()
export class LookupWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LookupWorker.name);
  readonly workerId = workerIdentity('lookup');
  private readonly batches: LeasedBatches<ClaimedJob>;

  constructor(
    private readonly jobs: LookupJobsRepository,
    private readonly saker: SakerRepository,
    private readonly lookups: LookupService,
    private readonly outbox: StatusEventsOutbox,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {
    this.batches = new LeasedBatches(config.lookup.worker, {
      claim: (limit, leaseMs) => this.jobs.claim(this.workerId, limit, leaseMs),
      renew: (batches, leaseMs) =>
        this.jobs.extendLease(
          batches.flatMap((batch) => batch.map((job) => job.id)),
          this.workerId,
          leaseMs,
        ),
      run: (batch) => this.runBatch(batch),
      onPollError: (error) =>
        this.logger.error({ msg: 'Lookup poll failed', errorName: error instanceof Error ? error.name : 'unknown' }),
      onRenewError: (error) =>
        this.logger.warn({ msg: 'Lease renewal failed', errorName: error instanceof Error ? error.name : 'unknown' }),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.lookup.worker.enabled) this.batches.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.batches.stop();
  }

  private async runBatch(jobs: ClaimedJob[]): Promise<void> {
    let results: CaseLookupResult[];
    const settled: Settled[] = [];
    const present: ClaimedJob[] = [];
    try {
      const saker = new Map(
        (
          await this.saker.findByIds(
            this.database.db,
            jobs.map((job) => job.sakId),
          )
        ).map((sak) => [sak.id, sak]),
      );
      const requests = [];
      for (const job of jobs) {
        const sak = saker.get(job.sakId);
        if (!sak)
          settled.push({ job, outcome: { status: 'FEILET', feilarsak: 'Saken finnes ikke' }, jobStatus: 'FAILED' });
        else {
          present.push(job);
          requests.push({ sak, actor: job.actor });
        }
      }
      results = await this.lookups.lookupMany(requests, this.config.lookup.worker.concurrency);
    } catch (error) {
      // The jobs stay PENDING; their leases run out and they are tried again.
      this.logger.error({
        msg: 'Lookup batch crashed',
        jobs: jobs.length,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return;
    }
    const failures: { job: ClaimedJob; error: unknown }[] = [];
    present.forEach((job, i) => {
      const result = results[i];
      if (result?.ok) settled.push({ job, outcome: result.outcome, jobStatus: 'DONE' });
      else failures.push({ job, error: result ? result.error : new Error('no lookup result') });
    });
    await this.completeMany(settled);
    for (const { job, error } of failures) {
      try {
        await this.handleFailure(job, error);
      } catch (crash) {
        // The job stays PENDING; its lease runs out and it is tried again.
        this.logCrash(job, crash);
      }
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
      case 'permanent': {
        const settled: Settled = {
          job,
          outcome: { status: 'FEILET', feilarsak: decision.reason },
          jobStatus: 'FAILED',
        };
        this.logCompletion([settled], await this.recordOutcomes([settled]));
        this.logger.warn({ msg: 'Lookup failed permanently', ...log });
      }
    }
  }

  /**
   * Records outcomes, the batch's in one transaction; if that fails, each case is tried in its
   * own, so one case the database refuses does not cost the others their outcome. Never throws:
   * a case whose transaction fails stays PENDING, and its lease runs out and it is tried again.
   */
  private async completeMany(settled: Settled[]): Promise<void> {
    if (settled.length === 0) return;
    try {
      this.logCompletion(settled, await this.recordOutcomes(settled));
      return;
    } catch (error) {
      if (settled.length === 1) {
        this.logCrash(settled[0]?.job, error);
        return;
      }
      this.logger.warn({
        msg: 'Batch completion failed; completing each case on its own',
        jobs: settled.length,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
    for (const item of settled) {
      try {
        this.logCompletion([item], await this.recordOutcomes([item]));
      } catch (error) {
        this.logCrash(item.job, error);
      }
    }
  }

  /**
   * One transaction: each job's end (fenced on its lease: a job another worker took is left out,
   * its `finish` changed nothing, so nothing of it is written), the cases' outcomes and the
   * outbound status events. Returns the ids of the jobs it ended.
   */
  private recordOutcomes(settled: Settled[]): Promise<Set<string>> {
    return this.database.db.transaction().execute(async (trx) => {
      const mine = await this.jobs.finishMany(
        trx,
        settled.filter((item) => item.jobStatus === 'DONE').map((item) => item.job.id),
        this.workerId,
        'DONE',
      );
      for (const item of settled) {
        if (item.jobStatus !== 'FAILED') continue;
        const ended = await this.jobs.finish(trx, item.job.id, this.workerId, 'FAILED', item.outcome.feilarsak ?? null);
        if (ended) mine.add(item.job.id);
      }
      const ours = settled.filter((item) => mine.has(item.job.id));
      const before = await this.saker.statusesForUpdate(
        trx,
        ours.map((item) => item.job.sakId),
      );
      const updated = await this.saker.applyOutcomes(
        trx,
        ours.map(({ job, outcome }) => ({ id: job.sakId, outcome })),
        this.config.lookup.varselFristDager,
      );
      for (const after of updated) {
        const previous = before.get(after.id) ?? null;
        if (previous !== after.status) await this.outbox.statusChanged(trx, after, previous);
      }
      return mine;
    });
  }

  private logCompletion(settled: Settled[], owned: Set<string>): void {
    for (const { job, outcome } of settled) {
      if (owned.has(job.id)) this.completed(job, outcome);
      else this.logger.warn({ msg: 'Lease lost before completion; result discarded', jobId: job.id, sakId: job.sakId });
    }
  }

  private logCrash(job: ClaimedJob | undefined, error: unknown): void {
    this.logger.error({
      msg: 'Lookup job crashed',
      jobId: job?.id,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
  }

  private completed(job: ClaimedJob, outcome: CaseLookupOutcome): void {
    this.logger.log({
      msg: 'Lookup completed',
      jobId: job.id,
      sakId: job.sakId,
      status: outcome.status,
      attempts: job.attempts,
    });
  }
}
