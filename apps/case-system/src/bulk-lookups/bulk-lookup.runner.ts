import {
  eierForVarsel,
  tekniskSammendrag,
  type AuditContext,
  type BulkInput,
  type Kjoretoy,
  type LookupOutcome,
} from '@kjoretoyregister/core';
import { KjoretoyregisterService } from '@kjoretoyregister/nestjs';
import { Injectable } from '@nestjs/common';
import pMap from 'p-map';
import type { BulkLookupRow, ClaimedItem, ItemOutcome } from '../persistence/bulk-lookups.repository.js';

/** One item's lookup: an outcome to record, or a failure for the retry schedule to judge. */
export type ItemResult = { ok: true; outcome: ItemOutcome } | { ok: false; error: unknown };

/** VIN lookups are one GET each (docs/contract.md B3): this many at a time per batch. */
const VIN_CONCURRENCY = 4;

/** The audit case reference of every register request made for a bulk lookup. */
export function bulkCaseRef(bulkId: string): string {
  return `masseoppslag:${bulkId}`;
}

/**
 * The register calls of one claimed batch, through the Nest module: plates and kuids as one bulk
 * request (each item with its own `dtg`), VINs one GET per item, a few at a time. Core audits
 * every request before it leaves, with the person who created the bulk lookup as actor and the
 * purpose and legal basis they chose. Only the two projections are kept.
 */
@Injectable()
export class BulkLookupRunner {
  constructor(private readonly kjoretoyregister: KjoretoyregisterService) {}

  /** One result per item, in order; never rejects. */
  async run(bulk: BulkLookupRow, items: readonly ClaimedItem[]): Promise<ItemResult[]> {
    const audit: AuditContext = {
      actor: bulk.actor,
      purpose: bulk.purpose,
      legalBasis: bulk.legal_basis,
      caseRef: bulkCaseRef(bulk.id),
    };
    const project = (item: ClaimedItem, kjoretoy: Kjoretoy): ItemOutcome => this.project(bulk, item, kjoretoy);
    if (bulk.kind === 'understellsnummer') return this.byUnderstellsnummer(items, audit, project);
    const inputs: BulkInput[] = items.map((item) => {
      const dtg = item.dtg === null ? {} : { dtg: item.dtg };
      return bulk.kind === 'kuid' ? { kuid: item.value, ...dtg } : { kjennemerke: item.value, ...dtg };
    });
    let outcomes: LookupOutcome[];
    try {
      outcomes =
        bulk.kind === 'kuid'
          ? await this.kjoretoyregister.lookupKuid(inputs, { audit })
          : await this.kjoretoyregister.lookupKjennemerke(inputs, { audit });
    } catch (error) {
      return items.map(() => ({ ok: false, error }));
    }
    return items.map((item, index): ItemResult => {
      const outcome = outcomes[index];
      if (!outcome) return { ok: false, error: new Error('bulk lookup returned no outcome') };
      switch (outcome.status) {
        case 'found':
          return { ok: true, outcome: project(item, outcome.kjoretoy) };
        case 'error':
          return { ok: false, error: outcome.error };
        case 'not_found':
          return { ok: true, outcome: { line: item.line, result: 'not_found' } };
        case 'unavailable':
          return { ok: true, outcome: { line: item.line, result: 'unavailable' } };
        case 'invalid':
          // Validated at upload, so the register's rules and ours disagree: say so, never retry.
          return {
            ok: true,
            outcome: { line: item.line, result: 'failed', feilarsak: 'Identifikatoren ble avvist som ugyldig' },
          };
      }
    });
  }

  private async byUnderstellsnummer(
    items: readonly ClaimedItem[],
    audit: AuditContext,
    project: (item: ClaimedItem, kjoretoy: Kjoretoy) => ItemOutcome,
  ): Promise<ItemResult[]> {
    return pMap(
      items,
      async (item): Promise<ItemResult> => {
        try {
          const found = await this.kjoretoyregister.lookupUnderstellsnummer(item.value, {
            audit,
            ...(item.dtg === null ? {} : { dtg: item.dtg }),
          });
          if (found.status === 'unavailable') return { ok: true, outcome: { line: item.line, result: 'unavailable' } };
          const [only, ...more] = found.kjoretoy;
          if (!only) return { ok: true, outcome: { line: item.line, result: 'not_found' } };
          if (more.length > 0) {
            return {
              ok: true,
              outcome: {
                line: item.line,
                result: 'several',
                feilarsak: `Understellsnummeret passer på ${found.kjoretoy.length} kjøretøy`,
              },
            };
          }
          return { ok: true, outcome: project(item, only) };
        } catch (error) {
          return { ok: false, error };
        }
      },
      { concurrency: VIN_CONCURRENCY },
    );
  }

  /** A shielded owner keeps nothing but the fact that it is shielded: no name, no address. */
  private project(bulk: BulkLookupRow, item: ClaimedItem, kjoretoy: Kjoretoy): ItemOutcome {
    const sammendrag = tekniskSammendrag(kjoretoy);
    const eier = eierForVarsel(kjoretoy, { includeFodselsnummer: bulk.include_fodselsnummer });
    // docs/contract.md#s5.3 skjerming: the ownership (EIERSKAP) or the owner is exempt from disclosure.
    if (eier.skjermet || eier.eier?.skjermet) {
      return { line: item.line, result: 'shielded', kjoretoy: sammendrag, eier: { skjermet: true } };
    }
    return { line: item.line, result: 'found', kjoretoy: sammendrag, eier };
  }
}
