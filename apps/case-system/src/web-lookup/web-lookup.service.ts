import {
  eierForVarsel,
  isKjoretoyregisterError,
  tekniskSammendrag,
  type AuditContext,
  type EierForVarsel,
  type Kjoretoy,
  type LookupOutcome,
  type SokParams,
  type TekniskSammendrag,
} from '@kjoretoyregister/core';
import { KjoretoyregisterService } from '@kjoretoyregister/nestjs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';

export type WebLookupKind = 'kjennemerke' | 'understellsnummer' | 'kuid' | 'eiernavn';

/** One lookup a person asked for on the page, already validated and normalised. */
export interface WebLookupRequest {
  kind: WebLookupKind;
  value: string;
  /** ISO-8601 with offset (docs/contract.md#s4.7); not for `eiernavn`, which searches the register as it is now. */
  dtg?: string;
  /** 1-based first hit of the owner-name search page. */
  fra: number;
  purpose: string;
  legalBasis: string;
  /** `eiernavn` only: the optional filters of S6 (docs/contract.md#s4.3). */
  filter?: EiernavnFilter;
}

/** S6's optional filters, as core's `sok('eiernavn', …)` takes them. */
export type EiernavnFilter = Partial<
  Pick<SokParams['eiernavn'], 'postnummer' | 'poststed' | 'fylke' | 'fodselsdato' | 'erPerson'>
>;

/** A vehicle as the page shows it: the two projections, never the raw register answer. */
export interface Treff {
  kjoretoy: TekniskSammendrag;
  eier: EierForVarsel;
}

export interface SokSide {
  fra: number;
  antall: number;
  /** `antallTreffTotalt` when the register says it. */
  totalt?: number;
  harNeste: boolean;
  /** Hits on this page the register would not release (OPPLYSNINGER_UTILGJENGELIG). */
  utilgjengelige: number;
}

export type WebLookupResult =
  | { status: 'found'; treff: Treff[]; side?: SokSide }
  | { status: 'not_found' | 'unavailable' | 'invalid' }
  | { status: 'error'; code: string };

/**
 * The lookup page's register calls, through the Nest module. Each is audited by core (one intent
 * row per request, before it is sent) with the person as actor and the purpose and legal basis
 * they chose; the page gets the technical summary and the owner-for-notice projection only, with
 * fødselsnummer only for the configured roles.
 */
@Injectable()
export class WebLookupService {
  private readonly logger = new Logger('WebLookup');

  constructor(
    private readonly kjoretoyregister: KjoretoyregisterService,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  async lookup(request: WebLookupRequest, user: AuthUser): Promise<WebLookupResult> {
    const audit: AuditContext = { actor: actorOf(user), purpose: request.purpose, legalBasis: request.legalBasis };
    const project = (kjoretoy: Kjoretoy): Treff => ({
      kjoretoy: tekniskSammendrag(kjoretoy),
      eier: eierForVarsel(kjoretoy, {
        includeFodselsnummer: this.config.webLookup.fodselsnummerRoles.includes(user.role),
      }),
    });
    try {
      switch (request.kind) {
        case 'kjennemerke': {
          const [outcome] = await this.kjoretoyregister.lookupKjennemerke(
            [{ kjennemerke: request.value, ...dtgOf(request) }],
            { audit },
          );
          return this.fromOutcome(outcome, project);
        }
        case 'kuid': {
          const [outcome] = await this.kjoretoyregister.lookupKuid([{ kuid: request.value, ...dtgOf(request) }], {
            audit,
          });
          return this.fromOutcome(outcome, project);
        }
        case 'understellsnummer': {
          const result = await this.kjoretoyregister.lookupUnderstellsnummer(request.value, {
            audit,
            ...dtgOf(request),
          });
          if (result.status === 'unavailable') return { status: 'unavailable' };
          if (result.status === 'not_found') return { status: 'not_found' };
          return { status: 'found', treff: result.kjoretoy.map(project) };
        }
        case 'eiernavn': {
          const antall = this.config.webLookup.pageSize;
          const page = await this.kjoretoyregister.sok(
            'eiernavn',
            { navn: request.value, ...request.filter, fra: request.fra, antall },
            { audit },
          );
          const vehicles = page.kjoretoyresponser.flatMap((hit) => (hit.kjoretoy ? [hit.kjoretoy] : []));
          const rows = page.kjoretoyresponser.length;
          const totalt = typeof page.antallTreffTotalt === 'number' ? page.antallTreffTotalt : undefined;
          const side: SokSide = {
            fra: request.fra,
            antall,
            ...(totalt === undefined ? {} : { totalt }),
            harNeste: totalt === undefined ? rows >= antall : request.fra - 1 + rows < totalt,
            utilgjengelige: rows - vehicles.length,
          };
          if (rows === 0 && request.fra === 1) return { status: 'not_found' };
          return { status: 'found', treff: vehicles.map(project), side };
        }
      }
    } catch (error) {
      return this.failed(error);
    }
  }

  private fromOutcome(outcome: LookupOutcome | undefined, project: (kjoretoy: Kjoretoy) => Treff): WebLookupResult {
    if (!outcome) return { status: 'error', code: 'NO_OUTCOME' };
    switch (outcome.status) {
      case 'found':
        return { status: 'found', treff: [project(outcome.kjoretoy)] };
      case 'error':
        return this.failed(outcome.error);
      default:
        return { status: outcome.status };
    }
  }

  private failed(error: unknown): WebLookupResult {
    const code = isKjoretoyregisterError(error) ? error.code : 'UNEXPECTED';
    // The code only: a message may quote the identifier or a name.
    this.logger.warn({ msg: 'Lookup from the web page failed', code });
    return { status: 'error', code };
  }
}

function dtgOf(request: WebLookupRequest): { dtg?: string } {
  return request.dtg === undefined ? {} : { dtg: request.dtg };
}
