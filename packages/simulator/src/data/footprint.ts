/**
 * A small probe for the benchmark: builds a register, forces every lazy index and reports time
 * and heap. Run node with `--expose-gc` for stable heap numbers.
 */
import { createRegister, type RegisterOptions } from './register.js';

interface RegisterFootprint {
  vehicles: number;
  createMs: number;
  warmUpMs: number;
  /** Bytes of the packed owner and party indexes. */
  indexBytes: number;
  /** Growth of JS heap plus array buffers from before creation to after warm-up (after a GC when exposed). */
  retainedBytes: number;
  rssBytes: number;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export function measureRegisterFootprint(options: RegisterOptions = {}): RegisterFootprint {
  collectGarbage();
  const before = process.memoryUsage();
  const started = performance.now();
  const register = createRegister(options);
  const created = performance.now();
  register.warmUp();
  const warmed = performance.now();
  collectGarbage();
  const memory = process.memoryUsage();
  return {
    vehicles: register.size,
    createMs: Math.round(created - started),
    warmUpMs: Math.round(warmed - created),
    indexBytes: register.indexBytes(),
    retainedBytes: memory.heapUsed + memory.arrayBuffers - before.heapUsed - before.arrayBuffers,
    rssBytes: memory.rss,
  };
}
