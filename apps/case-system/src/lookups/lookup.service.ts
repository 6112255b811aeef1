import {
  eierForVarsel,
  tekniskSammendrag,
  type AuditContext,
  type EierForVarsel,
  type KjennemerkeItem,
  type Kjoretoy,
  type LookupOutcome,
} from '@kjoretoyregister/core';
import { KjoretoyregisterService } from '@kjoretoyregister/nestjs';
import { Inject, Injectable } from '@nestjs/common';
import pMap from 'p-map';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { SakRow } from '../persistence/saker.repository.js';
import type { CaseLookupOutcome } from './lookup-outcome.js';

/** One case's lookup for the worker to settle: an outcome to record, or a failure to retry or record. */
export type CaseLookupResult = { ok: true; outcome: CaseLookupOutcome } | { ok: false; error: unknown };

/** A case to look up and who asks (the job's audit actor). */
export interface CaseLookupRequest {
  sak: SakRow;
  actor: string;
}

/**
 * Register lookups for cases, through the Nest module (never core directly). The owner is asked
 * for as of the observation (`dtg`, docs/contract.md#s4.7): kjennemerke first, understellsnummer
 * when the plate finds nothing or was not reported.
 *
 * `lookupMany` sends the plates of many cases as one bulk request (per audit actor), each item
 * with its own case's `dtg` and `caseRef`, so core audits the request per case. The VIN fallback is
 * one GET per VIN (docs/contract.md B3 takes one identifier), run `vinConcurrency` at a time. A
 * failure settles only the cases it concerned.
 */
@Injectable()
export class LookupService {
  constructor(
    private readonly kjoretoyregister: KjoretoyregisterService,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  /** One result per request, in order; never rejects. */
  async lookupMany(requests: readonly CaseLookupRequest[], vinConcurrency: number): Promise<CaseLookupResult[]> {
    const results: (CaseLookupResult | undefined)[] = requests.map(() => undefined);
    /** Cases the plate settled as not found, invalid or unavailable: their answer unless the VIN finds more. */
    const plateResults = new Map<number, CaseLookupOutcome>();

    // Core's audit context has one actor per call: one bulk call per actor (nearly always one).
    const byActor = new Map<string, { indexes: number[]; items: KjennemerkeItem[] }>();
    requests.forEach(({ sak, actor }, index) => {
      if (!sak.kjennemerke) return;
      let group = byActor.get(actor);
      if (!group) byActor.set(actor, (group = { indexes: [], items: [] }));
      group.indexes.push(index);
      group.items.push({ kjennemerke: sak.kjennemerke, dtg: sak.observert_tidspunkt, caseRef: sak.id });
    });
    await Promise.all(
      [...byActor].map(async ([actor, { indexes, items }]) => {
        let outcomes: LookupOutcome[];
        try {
          outcomes = await this.kjoretoyregister.lookupKjennemerke(items, { audit: this.auditContext(actor) });
        } catch (error) {
          for (const index of indexes) results[index] = { ok: false, error };
          return;
        }
        indexes.forEach((index, position) => {
          const outcome = outcomes[position];
          if (!outcome) results[index] = { ok: false, error: new Error('bulk lookup returned no outcome') };
          else if (outcome.status === 'found')
            results[index] = { ok: true, outcome: this.fromKjoretoy(outcome.kjoretoy) };
          else if (outcome.status === 'error') results[index] = { ok: false, error: outcome.error };
          else plateResults.set(index, plateOutcome(outcome.status));
        });
      }),
    );

    const vinFallbacks: { index: number; request: CaseLookupRequest }[] = [];
    requests.forEach((request, index) => {
      if (results[index]) return;
      if (request.sak.understellsnummer) vinFallbacks.push({ index, request });
      else
        results[index] = {
          ok: true,
          outcome: plateResults.get(index) ?? { status: 'FEILET', feilarsak: 'Saken mangler identifikator' },
        };
    });
    await pMap(
      vinFallbacks,
      async ({ index, request: { sak, actor } }) => {
        try {
          results[index] = { ok: true, outcome: await this.byUnderstellsnummer(sak, actor) };
        } catch (error) {
          results[index] = { ok: false, error };
        }
      },
      { concurrency: Math.max(1, vinConcurrency) },
    );

    return results.map((result) => result ?? { ok: false, error: new Error('case left without a lookup result') });
  }

  private auditContext(actor: string, caseRef?: string): AuditContext {
    return {
      actor,
      purpose: this.config.lookup.purpose,
      legalBasis: this.config.lookup.legalBasis,
      ...(caseRef === undefined ? {} : { caseRef }),
    };
  }

  private async byUnderstellsnummer(sak: SakRow, actor: string): Promise<CaseLookupOutcome> {
    const audit = this.auditContext(actor, sak.id);
    const dtg = sak.observert_tidspunkt;
    // VIN fallback: a VIN can match several vehicles (CONTRACT-ASSUMPTION (d)).
    const result = await this.kjoretoyregister.lookupUnderstellsnummer(sak.understellsnummer ?? '', { dtg, audit });
    if (result.status === 'unavailable') {
      return {
        status: 'FEILET',
        feilarsak: 'Opplysningene er ikke utlevert til kommunen (OPPLYSNINGER_UTILGJENGELIG)',
      };
    }
    if (result.kjoretoy.length === 1) return this.fromKjoretoy(result.kjoretoy[0]);
    if (result.kjoretoy.length > 1) {
      return {
        status: 'FEILET',
        feilarsak: `Understellsnummeret passer på ${result.kjoretoy.length} kjøretøy; krever manuell behandling`,
      };
    }
    return {
      status: 'IKKE_FUNNET',
      feilarsak: 'Fant ikke kjøretøyet på kjennemerke eller understellsnummer ved observasjonstidspunktet',
    };
  }

  /** Keeps the two projections only; a shielded owner means manual handling and no address at all. */
  private fromKjoretoy(kjoretoy: Kjoretoy): CaseLookupOutcome {
    const eier = eierForVarsel(kjoretoy, { includeFodselsnummer: this.config.lookup.includeFodselsnummer });
    const sammendrag = tekniskSammendrag(kjoretoy);
    // docs/contract.md#s5.3 skjerming: the vehicle's ownership (EIERSKAP) or the owner is exempt from disclosure.
    if (eier.skjermet || eier.eier?.skjermet) {
      return {
        status: 'SKJERMET',
        kjoretoy: sammendrag,
        eier: withoutAddresses(eier),
        feilarsak: 'Eier er skjermet; krever manuell behandling',
      };
    }
    if (!eier.eier) {
      return {
        status: 'IKKE_FUNNET',
        kjoretoy: sammendrag,
        feilarsak: 'Kjøretøyet hadde ingen registrert eier ved observasjonstidspunktet',
      };
    }
    return { status: 'EIER_FUNNET', kjoretoy: sammendrag, eier };
  }
}

/** What a plate that found no vehicle means for the case, unless its VIN finds one. */
function plateOutcome(status: 'invalid' | 'unavailable' | 'not_found'): CaseLookupOutcome {
  switch (status) {
    case 'invalid':
      return { status: 'FEILET', feilarsak: 'Kjennemerket ble avvist som ugyldig' };
    case 'unavailable':
      return {
        status: 'FEILET',
        feilarsak: 'Opplysningene er ikke utlevert til kommunen (OPPLYSNINGER_UTILGJENGELIG)',
      };
    case 'not_found':
      return { status: 'IKKE_FUNNET', feilarsak: 'Fant ikke kjøretøyet på kjennemerket ved observasjonstidspunktet' };
  }
}

function withoutAddresses(eier: EierForVarsel): EierForVarsel {
  const copy: EierForVarsel = { ...eier };
  for (const role of ['eier', 'medeier', 'leasingtaker', 'underenhet'] as const) {
    const part = copy[role];
    if (part) {
      const shielded = { ...part, skjermet: true };
      delete shielded.adresse;
      copy[role] = shielded;
    }
  }
  return copy;
}
