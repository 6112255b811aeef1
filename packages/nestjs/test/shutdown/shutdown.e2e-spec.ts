import { Test } from '@nestjs/testing';
import type { TransportAdapter } from '../../src/index.js';
import { call } from '../support/http-client.js';
import { simulatorOptions, startTestSimulator, type RunningSimulator } from '../support/simulator.js';
import { ShutdownAppModule } from './app.module.js';

/** Sockets and servers the process holds; jest's --detectOpenHandles reports the same kinds. */
function networkHandles(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap' || kind === 'TCPServerWrap').length;
}

/** Lets socket close events run: counts event-loop turns, never wall-clock time. */
async function settle(until: () => boolean, maxTurns = 1_000): Promise<void> {
  for (let turn = 0; turn < maxTurns && !until(); turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('shutdown leaves no open handles', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it.each<TransportAdapter>(['http-service', 'fetch'])(
    'closes the %s transport’s keep-alive sockets on app.close() with enableShutdownHooks',
    async (transportAdapter) => {
      const baseline = networkHandles();
      const signalListeners = process.listenerCount('SIGTERM');
      const moduleRef = await Test.createTestingModule({
        imports: [ShutdownAppModule.with(simulatorOptions(sim), transportAdapter)],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      app.enableShutdownHooks();
      expect(process.listenerCount('SIGTERM')).toBe(signalListeners + 1);
      await app.listen(0, '127.0.0.1');
      const url = await app.getUrl();

      await call(url, '/kjoretoy/CU10942');
      await call(url, '/kjoretoy/EC80261');
      // The app's server plus a kept-alive client socket (and the simulator's end of it).
      expect(networkHandles()).toBeGreaterThanOrEqual(baseline + 3);

      await app.close();
      await settle(() => networkHandles() === baseline);

      expect(networkHandles()).toBe(baseline);
      // A second close (a signal after an explicit close) must not fail on already-closed agents.
      await expect(app.close()).resolves.toBeUndefined();
      expect(process.listenerCount('SIGTERM')).toBe(signalListeners);
    },
  );
});
