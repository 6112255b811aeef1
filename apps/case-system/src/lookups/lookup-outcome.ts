import type { EierForVarsel, TekniskSammendrag } from '@kjoretoyregister/core';
import type { CaseLookupOutcomeStatus } from '../saker/domain/sak-status.js';

/** What one completed lookup means for the case. Only projections are ever kept. */
export interface CaseLookupOutcome {
  status: CaseLookupOutcomeStatus;
  kjoretoy?: TekniskSammendrag;
  eier?: EierForVarsel;
  /** Why the case needs a person: not found, several matches, permanent error. No identifiers. */
  feilarsak?: string;
}
