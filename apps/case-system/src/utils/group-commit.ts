// Group commit, hand-written: the batching libraries at hand (DataLoader and the like) batch reads
// per tick and cache by key; this needs writes that are never cached or deduplicated, at most a
// few batches in flight, and a failed batch retried item by item. That is about sixty lines.

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

interface GroupCommitOptions<I, O> {
  /**
   * Writes `items` atomically (one statement or one transaction) and returns one result per item,
   * in order. If it throws, nothing of the batch may have been committed.
   */
  flush: (items: readonly I[]) => Promise<readonly O[]>;
  /** Most items one flush takes; the rest wait for the next. */
  maxBatch: number;
  /** Most flushes running at once (PGlite runs one anyway; PostgreSQL has a pool). */
  maxInFlight: number;
}

/**
 * Collects concurrent submissions into batches: a submission made while the database is busy with
 * earlier batches waits for a free flush and goes with everything that arrived meanwhile, so under
 * load one statement and one commit serve many requests, and a lone submission is flushed at once
 * (after the current turn of the event loop, which lets a burst that arrived together go together).
 * Each submitter's promise settles only once its own batch has committed, or with its own error: a
 * batch that fails is retried item by item, so one bad item fails only its own submitter.
 */
export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly options: GroupCommitOptions<I, O>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
        void this.run(this.queue.splice(0, this.options.maxBatch));
      }
    });
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    this.inFlight++;
    try {
      await this.settle(batch);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  private async settle(batch: Waiting<I, O>[]): Promise<void> {
    let results: readonly O[];
    try {
      results = await this.options.flush(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // Nothing of the batch committed: each item alone, so only the culprit sees an error.
      for (const waiting of batch) await this.settle([waiting]);
      return;
    }
    if (results.length !== batch.length) {
      // A bug in `flush`, after it committed: no retry (that would write twice), every submitter fails.
      const error = new Error(`group commit: flush returned ${results.length} results for ${batch.length} items`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => waiting.resolve(results[i] as O));
  }
}
