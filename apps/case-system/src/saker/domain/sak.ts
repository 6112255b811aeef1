import type { EierForVarsel, TekniskSammendrag } from '@kjoretoyregister/core';
import type { LukketGrunn, VarselKanal } from './sak-hendelse.js';
import type { SakStatus } from './sak-status.js';

export interface Sted {
  adresse?: string;
  lat: number;
  lon: number;
}

/** A reported observation, as accepted by the webhook. */
export interface Observasjon {
  kjennemerke?: string;
  understellsnummer?: string;
  /** ISO-8601 with offset; the lookup's `dtg` (docs/contract.md#s4.7). */
  observertTidspunkt: string;
  sted: Sted;
  beskrivelse?: string;
  meldtAv?: string;
}

/** Where a case's lookup job stands; the database's `lookup_jobs.status` holds the same words. */
export type JobStatus = 'PENDING' | 'DONE' | 'FAILED';

/** The case's latest lookup job, as the API shows it (`oppslag`). */
interface LookupJobSummary {
  status: JobStatus;
  forsok: number;
  nesteForsok?: string;
  sisteFeil?: string;
}

/** The case as the API, the web page and the demo show it. */
export interface Sak {
  id: string;
  status: SakStatus;
  kilde: string;
  kjennemerke?: string;
  understellsnummer?: string;
  observertTidspunkt: string;
  sted: Sted;
  beskrivelse?: string;
  meldtAv?: string;
  kjoretoy?: TekniskSammendrag;
  /** The owner at the observation time (`eierForVarsel`); shielded parties carry no address. */
  eier?: EierForVarsel;
  feilarsak?: string;
  eierFunnetTidspunkt?: string;
  /** Notice deadline: owner found + 14 days (configurable). */
  varselFrist?: string;
  opprettet: string;
  oppdatert: string;
  oppslag?: LookupJobSummary;
  /** Case work (each change is also an event on the case's timeline): the latest notice recorded. */
  varselSendt?: string;
  varselKanal?: VarselKanal;
  /** When the vehicle was removed. */
  fjernet?: string;
  /** When the case was closed, and why; a closed case takes no further changes. */
  lukket?: string;
  lukketGrunn?: LukketGrunn;
}
