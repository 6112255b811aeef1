import type { FiksCall } from '../../../src/transport/requester.js';
import type { Answer } from './recording-requester.js';
import { found, notFound, unavailable, vehicle, withSpace } from './synthetic.js';

export type SentItem = { kjennemerke?: string; kuid?: string; dtg?: string };
export const sent = (call: FiksCall): SentItem[] => call.body as SentItem[];

/**
 * A register behind the bulk endpoint: answers one element per requested item, in order
 * (CONTRACT-ASSUMPTION (a)). Plates in `unavailablePlates` exist but are not released; plates in
 * `missing` do not exist; every other plate is found, with the space SVV puts in plates.
 */
export function register(opts: { missing?: Set<string>; unavailablePlates?: Set<string> } = {}) {
  return (call: FiksCall): Answer => ({
    body: sent(call).map((item) => {
      const plate = item.kjennemerke ?? '';
      if (opts.missing?.has(plate)) return notFound();
      if (opts.unavailablePlates?.has(plate)) return unavailable();
      return found(vehicle({ kjennemerke: withSpace(plate) }));
    }),
  });
}
