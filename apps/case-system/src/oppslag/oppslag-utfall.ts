import type { EierForVarsel, TekniskSammendrag } from '@kjoretoyregister/core';
import type { OppslagUtfallStatus } from '../saker/domain/sak-status.js';

/** What one completed lookup means for the case. Only projections are ever kept. */
export interface OppslagUtfall {
  status: OppslagUtfallStatus;
  kjoretoy?: TekniskSammendrag;
  eier?: EierForVarsel;
  /** Why the case needs a person: not found, several matches, permanent error. No identifiers. */
  feilarsak?: string;
}
