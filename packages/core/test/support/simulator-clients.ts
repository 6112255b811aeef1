import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { createKjoretoyregisterClient, type KjoretoyregisterClient } from '../../src/client.js';
import { configFromEnv } from '../../src/config/from-env.js';
import type { ClientOptions } from '../../src/config/options.js';

export interface SimulatorClients {
  /** The running simulator (valid inside tests: started in beforeAll). */
  readonly simulator: RunningSimulator;
  /** A client configured from the simulator's env, with fast retries; closed after each test. */
  client(overrides?: Partial<ClientOptions>): KjoretoyregisterClient;
}

/**
 * Registers the hooks of a describe block that talks to one simulator over loopback: started once,
 * reset before each test, every client made through `client()` closed after it.
 */
export function useSimulatorClients(vehicles: number): SimulatorClients {
  let simulator: RunningSimulator | undefined;
  const clients: KjoretoyregisterClient[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles });
  });
  afterAll(async () => {
    await simulator?.stop();
  });
  beforeEach(() => simulator?.reset());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  return {
    get simulator() {
      if (!simulator) throw new Error('the simulator starts in beforeAll');
      return simulator;
    },
    client(overrides = {}) {
      const created = createKjoretoyregisterClient({
        ...configFromEnv(this.simulator.env),
        retryBaseDelayMs: 1,
        retryMaxDelayMs: 5,
        ...overrides,
      });
      clients.push(created);
      return created;
    },
  };
}
