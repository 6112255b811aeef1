import type { FaultKind, FaultTrigger, Faults, TriggeredFaultKind } from './faults.js';

interface TriggerState {
  seen: number;
  remaining: number | undefined;
}

type TriggeredConfig<K extends TriggeredFaultKind> = Exclude<NonNullable<Faults[K]>, false>;

/**
 * Holds the global faults and the per-kind trigger counters. A per-request fault (header)
 * always fires and does not advance the global counters, so header-driven tests and a global
 * "every 3rd request" can coexist.
 */
export class FaultController {
  private faults: Faults;
  private triggers = new Map<TriggeredFaultKind, TriggerState>();

  constructor(
    private readonly baseline: Faults,
    private readonly random: () => number,
    private readonly onInjected: (kind: FaultKind) => void,
  ) {
    this.faults = { ...baseline };
  }

  get current(): Faults {
    return structuredClone(this.faults);
  }

  set(faults: Faults): void {
    this.faults = structuredClone(faults);
    this.triggers.clear();
  }

  /** Back to the faults the simulator was started with. */
  reset(): void {
    this.set(this.baseline);
  }

  /** The fault's config when it fires for this request, else undefined. Counts it as injected. */
  fire<K extends TriggeredFaultKind>(kind: K, requestFaults: Faults | undefined): TriggeredConfig<K> | undefined {
    const own = requestFaults?.[kind];
    if (own !== undefined && own !== false) {
      this.onInjected(kind);
      return own as TriggeredConfig<K>;
    }
    const global = this.faults[kind];
    if (global === undefined || global === false) return undefined;
    if (global !== true && !this.triggerFires(kind, global)) return undefined;
    this.onInjected(kind);
    return global as TriggeredConfig<K>;
  }

  /** Non-triggered settings: the request's value wins over the global one. */
  setting<K extends 'latency' | 'quota' | 'burstLimit' | 'clockSkewSeconds'>(
    kind: K,
    requestFaults: Faults | undefined,
  ): Faults[K] {
    return requestFaults?.[kind] ?? this.faults[kind];
  }

  private triggerFires(kind: TriggeredFaultKind, trigger: FaultTrigger): boolean {
    let state = this.triggers.get(kind);
    if (!state) {
      state = { seen: 0, remaining: trigger.times };
      this.triggers.set(kind, state);
    }
    state.seen += 1;
    if (state.remaining !== undefined && state.remaining <= 0) return false;
    if (trigger.everyNth !== undefined && state.seen % trigger.everyNth !== 0) return false;
    if (trigger.rate !== undefined && !(this.random() < trigger.rate)) return false;
    if (state.remaining !== undefined) state.remaining -= 1;
    return true;
  }
}
