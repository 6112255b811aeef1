/**
 * Runs `tick` every `intervalMs`, or again at once while it reports more work or after `wake()`.
 * One tick at a time; `stop()` waits for the running one, so shutdown never cuts a tick in half.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private woken = false;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => Promise<boolean>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Ticks now instead of after the interval: a worker calls it when a slot frees up while work is
   * waiting, so its throughput is bounded by its jobs, not by `concurrency / intervalMs`. A wake
   * during a tick makes the next tick follow at once.
   */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.woken = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.run();
    }, delayMs);
  }

  private async run(): Promise<void> {
    let more = false;
    try {
      more = await this.tick();
    } catch (error) {
      this.onError(error);
    }
    this.running = undefined;
    const now = more || this.woken;
    this.woken = false;
    this.schedule(now ? 0 : this.intervalMs);
  }
}

/** `kind:pid:random`: tells instances and restarts apart in `locked_by` and in logs. */
export function workerIdentity(kind: string): string {
  return `${kind}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
}
