import { setTimeout as delay } from 'node:timers/promises';

/**
 * Every deliberate wait (latency, slow body) goes through here, so `stop()` can cancel them all
 * and jest sees no open handles.
 */
export class Sleeper {
  private controller = new AbortController();

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return delay(ms, undefined, { signal: this.controller.signal });
  }

  cancelAll(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }
}
