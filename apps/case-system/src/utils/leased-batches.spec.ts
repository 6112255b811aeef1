import { LeasedBatches, type LeasedBatchSettings } from './leased-batches.js';

const SETTINGS: LeasedBatchSettings = {
  pollIntervalMs: 10_000,
  concurrency: 2,
  leaseMs: 300,
  batchSize: 3,
  batchLingerMs: 0,
};

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A queue of numbered items, batches held until released, and a record of every call. */
function fakeQueue(count: number) {
  const queue = Array.from({ length: count }, (_, n) => n + 1);
  const batches: number[][] = [];
  const renewed: number[][] = [];
  const releases: (() => void)[] = [];
  let running = 0;
  let mostRunning = 0;
  return {
    batches,
    renewed,
    mostRunning: () => mostRunning,
    queue,
    /** Lets the oldest held batch finish. */
    releaseOne: () => releases.shift()?.(),
    work: {
      claim: (limit: number) => Promise.resolve(queue.splice(0, limit)),
      renew: (held: readonly (readonly number[])[]) => {
        renewed.push(held.flat());
        return Promise.resolve();
      },
      run: async (batch: number[]) => {
        batches.push(batch);
        running++;
        mostRunning = Math.max(mostRunning, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      },
      onPollError: (error: unknown) => {
        throw error;
      },
      onRenewError: (error: unknown) => {
        throw error;
      },
    },
  };
}

/** Stops, releasing held batches until the batches in flight have ended. */
async function drain(batches: LeasedBatches<number>, fake: ReturnType<typeof fakeQueue>): Promise<void> {
  let stopped = false;
  const stopping = batches.stop().then(() => (stopped = true));
  while (!stopped) {
    fake.releaseOne();
    await tick(5);
  }
  await stopping;
}

describe('LeasedBatches', () => {
  it('runs at most `concurrency` batches and claims the next one as soon as a slot frees up', async () => {
    const fake = fakeQueue(9);
    const batches = new LeasedBatches(SETTINGS, fake.work);
    batches.start();
    try {
      await tick(50);
      expect(fake.batches).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      fake.releaseOne();
      // Long before the 10 s poll interval: the full claims mean more is waiting.
      await tick(50);
      expect(fake.batches).toHaveLength(3);
      expect(fake.mostRunning()).toBe(2);
    } finally {
      await drain(batches, fake);
    }
  });

  it('renews the leases of the batches in flight, and of no batch that has ended', async () => {
    const fake = fakeQueue(3);
    const batches = new LeasedBatches(SETTINGS, fake.work);
    batches.start();
    await tick(250);
    expect(fake.renewed.length).toBeGreaterThanOrEqual(1);
    expect(fake.renewed.every((items) => items.join() === '1,2,3')).toBe(true);
    fake.releaseOne();
    await tick(20);
    const after = fake.renewed.length;
    await tick(250);
    expect(fake.renewed).toHaveLength(after);
    await drain(batches, fake);
  });

  it('lets a short claim wait `batchLingerMs` once and joins what arrived meanwhile', async () => {
    const fake = fakeQueue(1);
    const batches = new LeasedBatches({ ...SETTINGS, batchLingerMs: 50 }, fake.work);
    batches.start();
    await tick(10);
    fake.queue.push(2);
    await tick(100);
    expect(fake.batches).toEqual([[1, 2]]);
    await drain(batches, fake);
  });

  it('stops claiming on stop() and waits for the batches in flight', async () => {
    const fake = fakeQueue(6);
    const batches = new LeasedBatches({ ...SETTINGS, concurrency: 1 }, fake.work);
    batches.start();
    await tick(20);
    let stopped = false;
    const stopping = batches.stop().then(() => (stopped = true));
    await tick(20);
    expect(stopped).toBe(false);
    fake.releaseOne();
    await stopping;
    await tick(20);
    expect(fake.batches).toEqual([[1, 2, 3]]);
  });
});
