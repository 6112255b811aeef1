/** Case work's words (migration 007): how a notice went out, why a case was closed, what happened. */
export type VarselKanal = 'brev' | 'digipost' | 'sms' | 'epost' | 'annet';
export type LukketGrunn = 'eier_fjernet' | 'kommunen_fjernet' | 'feilregistrert' | 'annet';
export type SakHendelseType = 'varsel_sendt' | 'fjernet' | 'lukket' | 'nytt_oppslag';
