import type { RunningSimulator, SimulatorStats } from '@kjoretoyregister/simulator';
import { scratchDir } from './run-cli.js';

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

/**
 * One simulator and one scratch directory per test file, with the hooks every CLI test file
 * needs: started before the first test, reset before each one (unless `resetEachTest: false`),
 * stopped and removed after the last.
 */
export function useTestSimulator(options: { resetEachTest?: boolean } = {}): {
  readonly sim: RunningSimulator;
  readonly dir: string;
} {
  let sim: RunningSimulator | undefined;
  let scratch: ReturnType<typeof scratchDir> | undefined;
  beforeAll(async () => {
    sim = await startTestSimulator();
    scratch = scratchDir();
  });
  afterAll(async () => {
    await sim?.stop();
    scratch?.remove();
  });
  if (options.resetEachTest !== false) beforeEach(() => sim?.reset());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useTestSimulator: the simulator starts in beforeAll');
    return value;
  };
  return {
    get sim() {
      return started(sim);
    },
    get dir() {
      return started(scratch).dir;
    },
  };
}
