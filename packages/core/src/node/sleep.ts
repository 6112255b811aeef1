import { setTimeout as delay } from 'node:timers/promises';
import type { Sleep } from '../transport/resilience.js';

/** The Node entry's backoff wait: a timer, ended early by the signal (with the signal's reason). */
export const timerSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
};
