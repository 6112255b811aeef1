import { configFromEnv, type ClientOptions } from '@kjoretoyregister/core';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';

export type { RunningSimulator };

export function startTestSimulator(): Promise<RunningSimulator> {
  return startSimulator({ port: 0 });
}

/**
 * Core options pointing at the simulator. No retry backoff: the tests count requests and must
 * not wait on wall-clock delays.
 */
export function simulatorOptions(sim: RunningSimulator, overrides: Partial<ClientOptions> = {}): ClientOptions {
  return configFromEnv(sim.env, { retryBaseDelayMs: 0, retryMaxDelayMs: 0, ...overrides });
}

/** Number of requests the simulator answered on routes whose template contains `fragment`. */
export function routeCount(sim: RunningSimulator, fragment: string): number {
  let total = 0;
  for (const [route, byStatus] of Object.entries(sim.stats().routes)) {
    if (!route.includes(fragment)) continue;
    for (const count of Object.values(byStatus)) total += count;
  }
  return total;
}
