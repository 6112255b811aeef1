import type { RunningSimulator } from '@kjoretoyregister/simulator';

export const BULK_KJENNEMERKE_ROUTE =
  'POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke';

/** How often the simulator answered bulk/kjennemerke with `status`. */
export function bulkAnswers(simulator: RunningSimulator, status: number): number {
  return simulator.stats().routes[BULK_KJENNEMERKE_ROUTE]?.[String(status)] ?? 0;
}
