import { n8nSleep } from '../../nodes/FiksKjoretoyregister/v1/helpers/client';

describe("core's backoff wait on n8n's sleep", () => {
  it('waits the given time', async () => {
    const started = Date.now();
    await n8nSleep(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("ends early with the signal's reason when aborted, as core's Sleep contract asks", async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the caller');
    const waiting = n8nSleep(1_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it('rejects at once for a signal that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(n8nSleep(1_000, controller.signal)).rejects.toThrow('already');
  });
});
