import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Every deliberate wait (latency, slow body) goes through here, so `stop()` can cancel them all
 * and jest sees no open handles.
 */
export class Sleeper {
  private controller = Sleeper.newController();

  /** Every pending wait listens on the one signal; under load there are many at once. */
  private static newController(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return delay(ms, undefined, { signal: this.controller.signal });
  }

  cancelAll(): void {
    this.controller.abort();
    this.controller = Sleeper.newController();
  }
}
