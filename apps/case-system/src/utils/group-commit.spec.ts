import { GroupCommit } from './group-commit.js';

/** A flush that records its batches and answers each item with `item * 10`, unless told to fail. */
function recordingFlush(options: { failWhen?: (items: readonly number[]) => boolean } = {}) {
  const batches: number[][] = [];
  let running = 0;
  let mostRunning = 0;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const flush = async (items: readonly number[]): Promise<number[]> => {
    batches.push([...items]);
    running++;
    mostRunning = Math.max(mostRunning, running);
    try {
      await gate;
      await new Promise((resolve) => setImmediate(resolve));
      if (options.failWhen?.(items)) throw new Error(`refused ${items.join(',')}`);
      return items.map((item) => item * 10);
    } finally {
      running--;
    }
  };
  return {
    flush,
    batches,
    mostRunning: () => mostRunning,
    /** Holds every flush until `open()`: lets submissions pile up behind a busy database. */
    hold: () => (gate = new Promise((resolve) => (release = resolve))),
    open: () => release?.(),
  };
}

describe('GroupCommit', () => {
  it('writes submissions of the same turn in one batch and gives each its own result', async () => {
    const recorder = recordingFlush();
    const commit = new GroupCommit({ flush: recorder.flush, maxBatch: 100, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => commit.submit(n)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(recorder.batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('collects what arrives while a batch is being written into the next one, up to maxBatch', async () => {
    const recorder = recordingFlush();
    const commit = new GroupCommit({ flush: recorder.flush, maxBatch: 3, maxInFlight: 1 });
    recorder.hold();
    const first = commit.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4, 5, 6, 7, 8].map((n) => commit.submit(n));
    recorder.open();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(recorder.batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
    expect(recorder.mostRunning()).toBe(1);
  });

  it('runs at most maxInFlight batches at once', async () => {
    const recorder = recordingFlush();
    const commit = new GroupCommit({ flush: recorder.flush, maxBatch: 2, maxInFlight: 2 });
    recorder.hold();
    const all = Array.from({ length: 10 }, (_, i) => commit.submit(i));
    await new Promise((resolve) => setImmediate(resolve));
    recorder.open();
    await Promise.all(all);
    expect(recorder.batches).toHaveLength(5);
    expect(recorder.mostRunning()).toBe(2);
  });

  it('retries a failed batch item by item, so only the item that fails sees an error', async () => {
    const recorder = recordingFlush({ failWhen: (items) => items.includes(3) });
    const commit = new GroupCommit({ flush: recorder.flush, maxBatch: 100, maxInFlight: 1 });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((n) => commit.submit(n)));
    expect(settled).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'fulfilled', value: 20 },
      { status: 'rejected', reason: new Error('refused 3') },
      { status: 'fulfilled', value: 40 },
    ]);
    expect(recorder.batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
  });

  it('fails every submitter, without writing again, when a flush answers for the wrong number of items', async () => {
    let flushes = 0;
    const commit = new GroupCommit<number, number>({
      flush: async () => {
        flushes++;
        return [1];
      },
      maxBatch: 100,
      maxInFlight: 1,
    });
    const settled = await Promise.allSettled([1, 2].map((n) => commit.submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(flushes).toBe(1);
  });
});
