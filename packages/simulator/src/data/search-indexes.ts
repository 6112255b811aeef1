/**
 * Lazily built search indexes. Bulk lookups never need them; the first owner or name search
 * builds them in one pass over the register (about a second at 1 000 000 vehicles).
 *  - owners: party id → vehicles whose current eier, medeier or leasingtaker it is
 *    (docs/contract.md#s4.3, S3–S6). Vehicles with `unntattOffentlighet` EIERSKAP are left out: their ownership is
 *    not released, so an owner search must not reveal it either.
 *  - parties: hash of an identifier or name key (`name-keys.ts`) → party ids; hits are verified
 *    against the party because different keys may share a hash.
 */
import { hashString } from './prng.js';
import { partyKeys } from './name-keys.js';
import { PackedMultiMap, PackedMultiMapBuilder } from './packed-multimap.js';
import type { PartySpace } from './parties.js';
import type { OwnershipSpan, PartyData, PartyId } from './records.js';

interface OwnershipSource {
  readonly size: number;
  /** Current ownership of vehicle `index`, or undefined when it is shielded or has none. */
  currentOwnership(index: number): OwnershipSpan | undefined;
}

export function buildOwnerIndex(source: OwnershipSource): PackedMultiMap {
  const builder = new PackedMultiMapBuilder();
  for (let index = 0; index < source.size; index++) {
    const span = source.currentOwnership(index);
    if (!span) continue;
    builder.add(span.eier, index);
    if (span.medeier !== undefined) builder.add(span.medeier, index);
    if (span.leasingtaker !== undefined && span.leasingtaker !== span.eier) builder.add(span.leasingtaker, index);
  }
  return builder.build();
}

export class PartyKeyIndex {
  private constructor(
    private readonly parties: PartySpace,
    private readonly map: PackedMultiMap,
  ) {}

  static build(parties: PartySpace): PartyKeyIndex {
    const builder = new PackedMultiMapBuilder();
    for (let id = 0; id < parties.size; id++) {
      const party = parties.party(id);
      if (!party) continue;
      for (const key of partyKeys(party)) builder.add(hashString(key), id);
    }
    return new PartyKeyIndex(parties, builder.build());
  }

  get byteLength(): number {
    return this.map.byteLength;
  }

  /** Parties answering to an exact index key such as `I:<fnr>` or `N:<NAME>`. */
  find(key: string): PartyData[] {
    const found: PartyData[] = [];
    for (const id of this.map.get(hashString(key))) {
      const party = this.parties.party(id as PartyId);
      if (party && partyKeys(party).includes(key)) found.push(party);
    }
    return found;
  }
}
