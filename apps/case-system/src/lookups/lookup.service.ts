import {
  eierForVarsel,
  tekniskSammendrag,
  type AuditContext,
  type EierForVarsel,
  type Kjoretoy,
} from '@kjoretoyregister/core';
import { KjoretoyregisterService } from '@kjoretoyregister/nestjs';
import { Inject, Injectable } from '@nestjs/common';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { SakRow } from '../persistence/saker.repository.js';
import type { CaseLookupOutcome } from './lookup-outcome.js';

/**
 * One register lookup for one case, through the Nest module (never core directly). The owner is
 * asked for as of the observation (`dtg`, docs/contract.md#s4.7): kjennemerke first, understellsnummer
 * when the plate finds nothing or was not reported. Failures of the call itself are thrown for the
 * worker to retry or record.
 */
@Injectable()
export class LookupService {
  constructor(
    private readonly kjoretoyregister: KjoretoyregisterService,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  async lookup(sak: SakRow, actor: string): Promise<CaseLookupOutcome> {
    const audit: AuditContext = {
      actor,
      purpose: this.config.lookup.purpose,
      legalBasis: this.config.lookup.legalBasis,
      caseRef: sak.id,
    };
    const dtg = sak.observert_tidspunkt;
    let plateResult: CaseLookupOutcome | undefined;

    if (sak.kjennemerke) {
      const [outcome] = await this.kjoretoyregister.lookupKjennemerke([sak.kjennemerke], { dtg, audit });
      switch (outcome.status) {
        case 'found':
          return this.fromKjoretoy(outcome.kjoretoy);
        case 'error':
          throw outcome.error;
        case 'invalid':
          plateResult = { status: 'FEILET', feilarsak: 'Kjennemerket ble avvist som ugyldig' };
          break;
        case 'unavailable':
          plateResult = {
            status: 'FEILET',
            feilarsak: 'Opplysningene er ikke utlevert til kommunen (OPPLYSNINGER_UTILGJENGELIG)',
          };
          break;
        case 'not_found':
          plateResult = {
            status: 'IKKE_FUNNET',
            feilarsak: 'Fant ikke kjøretøyet på kjennemerket ved observasjonstidspunktet',
          };
          break;
      }
    }
    if (!sak.understellsnummer) return plateResult ?? { status: 'FEILET', feilarsak: 'Saken mangler identifikator' };

    // VIN fallback: a VIN can match several vehicles (CONTRACT-ASSUMPTION (d)).
    const result = await this.kjoretoyregister.lookupUnderstellsnummer(sak.understellsnummer, { dtg, audit });
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
