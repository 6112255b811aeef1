import type { FaultKind } from '../faults/faults.js';

export interface IntegrationStats {
  requests: number;
  itemsLookedUp: number;
}

/** The object returned by `stats()` and `GET /__admin/stats`. Route keys are templates, never identifiers. */
export interface SimulatorStats {
  /** Every request except `/__admin/*`. */
  requests: number;
  /** `"<METHOD> <route template>"` → status (or `"reset"`) → count. */
  routes: Record<string, Record<string, number>>;
  tokenRequests: { ok: number; failed: number; byError: Record<string, number> };
  itemsLookedUp: number;
  integrations: Record<string, IntegrationStats>;
  faults: Partial<Record<FaultKind, number>>;
  /** Total latency added by the latency fault, for exact assertions on jitter. */
  latencyAddedMs: number;
}

/** Exact counters; tests assert "1 token request" and "3 bulk requests". */
export class StatsRecorder {
  private stats: SimulatorStats = StatsRecorder.empty();

  private static empty(): SimulatorStats {
    return {
      requests: 0,
      routes: {},
      tokenRequests: { ok: 0, failed: 0, byError: {} },
      itemsLookedUp: 0,
      integrations: {},
      faults: {},
      latencyAddedMs: 0,
    };
  }

  snapshot(): SimulatorStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsRecorder.empty();
  }

  route(routeKey: string, outcome: number | 'reset'): void {
    this.stats.requests += 1;
    const byStatus = (this.stats.routes[routeKey] ??= {});
    const key = String(outcome);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }

  /** `errorKey` is the MP code when there is one, else the OAuth `error`. */
  tokenRequest(errorKey?: string): void {
    const t = this.stats.tokenRequests;
    if (errorKey === undefined) {
      t.ok += 1;
      return;
    }
    t.failed += 1;
    t.byError[errorKey] = (t.byError[errorKey] ?? 0) + 1;
  }

  integrationRequest(integrasjonId: string): void {
    this.integration(integrasjonId).requests += 1;
  }

  itemsLookedUp(integrasjonId: string, items: number): void {
    this.stats.itemsLookedUp += items;
    this.integration(integrasjonId).itemsLookedUp += items;
  }

  fault(kind: FaultKind): void {
    this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
  }

  latency(ms: number): void {
    this.stats.latencyAddedMs += ms;
  }

  private integration(integrasjonId: string): IntegrationStats {
    return (this.stats.integrations[integrasjonId] ??= { requests: 0, itemsLookedUp: 0 });
  }
}
