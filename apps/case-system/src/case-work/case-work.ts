import type { LukketGrunn, SakHendelseType, VarselKanal } from '../saker/domain/sak-hendelse.js';
import type { SakStatus } from '../saker/domain/sak-status.js';

export type { LukketGrunn, SakHendelseType, VarselKanal };

/** How a notice can go out, in the order the form lists them, with the words people read. */
export const VARSEL_KANALER: readonly { value: VarselKanal; label: string }[] = [
  { value: 'brev', label: 'Brev' },
  { value: 'digipost', label: 'Digipost' },
  { value: 'sms', label: 'SMS' },
  { value: 'epost', label: 'E-post' },
  { value: 'annet', label: 'Annet' },
];

/** Why a case is closed; `annet` needs a note. */
export const LUKKET_GRUNNER: readonly { value: LukketGrunn; label: string }[] = [
  { value: 'eier_fjernet', label: 'Eier har fjernet kjøretøyet' },
  { value: 'kommunen_fjernet', label: 'Kjøretøyet er fjernet av kommunen' },
  { value: 'feilregistrert', label: 'Feilregistrert' },
  { value: 'annet', label: 'Annet' },
];

export const VARSEL_KANAL_VALUES = VARSEL_KANALER.map((k) => k.value) as [VarselKanal, ...VarselKanal[]];
export const LUKKET_GRUNN_VALUES = LUKKET_GRUNNER.map((g) => g.value) as [LukketGrunn, ...LukketGrunn[]];

/** Longest free-text note on an event: enough to explain, short enough not to become a case file. */
export const MAX_MERKNAD = 500;

export function kanalLabel(kanal: string): string {
  return VARSEL_KANALER.find((k) => k.value === kanal)?.label ?? kanal;
}

export function grunnLabel(grunn: string): string {
  return LUKKET_GRUNNER.find((g) => g.value === grunn)?.label ?? grunn;
}

/** One thing done on a case, as the timeline and the API show it. */
export interface SakHendelse {
  id: string;
  sakId: string;
  tidspunkt: string;
  actor: string;
  type: SakHendelseType;
  details: Record<string, string>;
}

/** The case-work state of a case (the columns of migration 007), as the API shows it. */
export interface Saksbehandling {
  varselSendt?: string;
  varselKanal?: VarselKanal;
  fjernet?: string;
  lukket?: string;
  lukketGrunn?: LukketGrunn;
}

export type Transition =
  | { kind: 'varsel_sendt'; kanal: VarselKanal; sendt: Date }
  | { kind: 'fjernet'; fjernet: Date; merknad?: string }
  | { kind: 'lukket'; grunn: LukketGrunn; merknad?: string }
  | { kind: 'nytt_oppslag' };

/** Why a transition was refused: a code for machines and a sentence for people. */
export interface Refusal {
  code: 'SAK_LUKKET' | 'ALLEREDE_FJERNET' | 'FOR_OBSERVASJONEN';
  message: string;
}

export type TransitionResult =
  | { ok: true; hendelse: SakHendelse }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'refused'; refusal: Refusal };

/** Open or closed, in the list's filter. */
export type ApenFilter = 'apne' | 'lukkede' | 'alle';

export interface CaseListFilter {
  status?: SakStatus;
  apen: ApenFilter;
  /** Open cases whose notice deadline has passed with no notice recorded. */
  fristPassert: boolean;
  kjennemerke?: string;
}

export const CASE_LIST_PAGE_SIZE = 50;
