import type { RunningSimulator, SimulatorStats } from '@kjoretoyregister/simulator';

export type { RunningSimulator };

/** A simulator on a free loopback port with the default seed (story vehicles included). */
export async function startTestSimulator(): Promise<RunningSimulator> {
  // Imported the way the CLI imports it (lazily), which the workspace's module-boundary rule requires.
  const { startSimulator } = await import('@kjoretoyregister/simulator');
  return startSimulator({ port: 0, host: '127.0.0.1', seed: 1 });
}

/** Requests to routes ending in `suffix` (route keys are `"<METHOD> <template>"`), by any status. */
export function routeCount(stats: SimulatorStats, method: string, suffix: string): number {
  let total = 0;
  for (const [route, byStatus] of Object.entries(stats.routes)) {
    if (route.startsWith(`${method} `) && route.endsWith(suffix)) {
      for (const count of Object.values(byStatus)) total += count;
    }
  }
  return total;
}
