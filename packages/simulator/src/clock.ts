/** Epoch milliseconds. Injected so tests never depend on the wall clock. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** Whole epoch seconds, the unit of every JWT time claim. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
