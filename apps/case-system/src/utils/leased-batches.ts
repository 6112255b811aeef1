import { PollingLoop } from './polling-loop.js';

/** The timings of a leased-batch worker (the `WORKER_*` settings). */
export interface LeasedBatchSettings {
  pollIntervalMs: number;
  /** Batches running at once. */
  concurrency: number;
  leaseMs: number;
  batchSize: number;
  /** A claim that finds fewer than `batchSize` waits this long once for more (0: never). */
  batchLingerMs: number;
}

/** What a worker plugs in: its queue's claim and heartbeat, and what it does with a batch. */
export interface LeasedBatchWork<T> {
  /** Claims up to `limit` due items with a lease of `leaseMs`. */
  claim(limit: number, leaseMs: number): Promise<T[]>;
  /** Extends the lease of the items of every batch in flight. */
  renew(batches: readonly (readonly T[])[], leaseMs: number): Promise<void>;
  /** Looks a batch up and settles it; what it does not settle stays leased until the lease runs out. */
  run(batch: T[]): Promise<void>;
  onPollError(error: unknown): void;
  onRenewError(error: unknown): void;
}

/**
 * The claim side shared by the lookup workers: polls (`PollingLoop`), claims a batch with a lease,
 * runs up to `concurrency` batches at once, renews the leases of the batches in flight every
 * `leaseMs / 3` (a batch outlives its first lease, a dead process does not), and claims again at
 * once while claims come back full. Settling a batch stays with each worker. Small and specific to
 * our lease columns, so no job-queue library (they bring their own tables).
 */
export class LeasedBatches<T> {
  private readonly loop: PollingLoop;
  /** Batches in flight. */
  private readonly running = new Set<Promise<void>>();
  /** The items of the batches in flight, whose leases the heartbeat renews. */
  private readonly leased = new Set<T[]>();
  /** The last claim filled its batch, so more items are probably waiting. */
  private backlog = false;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: LeasedBatchSettings,
    private readonly work: LeasedBatchWork<T>,
  ) {
    this.loop = new PollingLoop(settings.pollIntervalMs, () => this.tick(), work.onPollError);
  }

  start(): void {
    this.loop.start();
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.settings.leaseMs / 3)));
  }

  /** Stops claiming, then waits for the batches in flight (their leases renewed until they end). */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled(this.running);
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Claims now instead of after the poll interval (new work was queued). */
  wake(): void {
    this.loop.wake();
  }

  private async tick(): Promise<boolean> {
    const { concurrency, leaseMs, batchSize, batchLingerMs } = this.settings;
    if (this.running.size >= concurrency) return false;
    let claimed = await this.work.claim(batchSize, leaseMs);
    if (claimed.length === 0) {
      this.backlog = false;
      return false;
    }
    if (claimed.length < batchSize && batchLingerMs > 0) {
      // Work arriving together is usually a few milliseconds apart: let the batch fill once.
      await new Promise<void>((resolve) => setTimeout(resolve, batchLingerMs));
      claimed = [...claimed, ...(await this.work.claim(batchSize - claimed.length, leaseMs))];
    }
    this.backlog = claimed.length === batchSize;
    this.leased.add(claimed);
    const run: Promise<void> = this.work
      .run(claimed)
      .catch(this.work.onPollError)
      .finally(() => {
        this.leased.delete(claimed);
        this.running.delete(run);
        // Without this a full worker would wait out the poll interval with free slots and a queue.
        if (this.backlog) this.loop.wake();
      });
    this.running.add(run);
    return this.backlog && this.running.size < concurrency;
  }

  private async renew(): Promise<void> {
    if (this.leased.size === 0) return;
    try {
      await this.work.renew([...this.leased], this.settings.leaseMs);
    } catch (error) {
      this.work.onRenewError(error);
    }
  }
}
