/**
 * A progress bar on stderr for lookups that take several bulk requests. Only on a terminal: in a
 * pipe or a log file it would be noise between the data.
 */

import cliProgress from 'cli-progress';
import type { OutputStream } from '../terminal.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

/** A bar when `stderr` is a TTY and the items need more than one chunk; otherwise a no-op. */
export function createProgress(stderr: OutputStream, items: number, chunkSize: number): Progress {
  if (!stderr.isTTY || items <= chunkSize) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream: stderr as unknown as NodeJS.WritableStream,
      format: 'oppslag [{bar}] {value}/{total}',
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
