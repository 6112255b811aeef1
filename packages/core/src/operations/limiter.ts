/**
 * Runs tasks with at most `limit` in flight, in start order. Tasks are expected to settle their
 * own errors (bulk turns a failed chunk into outcomes), so a rejection here is a bug and
 * propagates after all workers stop picking up new tasks.
 */
export async function runWithConcurrency(tasks: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < tasks.length) {
      const task = tasks[next++];
      try {
        await task();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker);
  await Promise.all(workers);
}
