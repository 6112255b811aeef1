/**
 * Wire shapes of the SVV v2.0 response model the simulator emits (docs/contract.md#s5, the spec's
 * `components.schemas`). Only what the simulator fills is typed in detail; `godkjenning` is
 * large and built from templates, so it is typed as JSON.
 */
import type { Responskode } from '../contract-assumptions.js';

export type { Responskode };

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface KodeverkType {
  kodeVerdi: string;
  kodeNavn?: string;
  kodeBeskrivelse?: string;
  kodeTypeId?: string;
  tidligereKodeVerdi: string[];
}

export interface Adresse {
  adresselinje1?: string;
  adresselinje2?: string;
  adresselinje3?: string;
  kommunenavn?: string;
  kommunenummer?: string;
  land?: string;
  landkode?: string;
  postnummer?: string;
  poststed?: string;
}

interface Person {
  etternavn: string;
  fodselsdato: string;
  fodselsnummer?: string;
  fornavn: string;
  mellomnavn?: string;
}

interface Enhet {
  organisasjonsnavn: string;
  organisasjonsnummer: string;
}

export interface PersonEnhet {
  adresse?: Adresse;
  adressestatus?: KodeverkType;
  enhet?: Enhet;
  erUnntattOffentlighet?: boolean;
  erUverifisert: boolean;
  fomTidspunkt?: string;
  kundeId: string;
  person?: Person;
  tilTidspunkt?: string;
}

export interface Eierforhold {
  eier?: PersonEnhet;
  leasingtaker?: PersonEnhet;
  medeier?: PersonEnhet;
  underenhet?: PersonEnhet;
  vedtakstidspunkt?: string;
}

type Kjennemerkekategori = 'KJORETOY' | 'NORMAL' | 'PERSONLIG' | 'PROVE';

export interface Kjennemerke {
  fomTidspunkt: string;
  kjennemerke: string;
  kjennemerkekategori: Kjennemerkekategori;
  kjennemerketype: KodeverkType;
  tilTidspunkt?: string;
}

export interface Registrering {
  fomTidspunkt: string;
  kjoringensArt?: KodeverkType;
  neringskode?: string;
  neringskodeBeskrivelse?: string;
  registreringsstatus: KodeverkType;
  registrertForstegangPaEierskap?: string;
  tilTidspunkt?: string;
}

export interface KjoretoyIdentitet {
  imid: string;
  kjennemerke?: string;
  kjoretoyErKryssbyttet: boolean;
  kryssbytter: never[];
  kuid: string;
  merkekode: string;
  understellsnummer: string;
  unntattOffentlighet: KodeverkType[];
}

interface PeriodiskKjoretoyKontroll {
  kontrollfrist?: string;
  sistGodkjent?: string;
}

export interface Kjoretoy {
  kjoretoyId: KjoretoyIdentitet;
  forstegangsregistrering: { registrertForstegangNorgeDato: string };
  eierskap?: Eierforhold;
  kjennemerke: Kjennemerke[];
  registrering?: Registrering;
  godkjenning: JsonObject;
  periodiskKjoretoyKontroll: PeriodiskKjoretoyKontroll;
}

export interface KjoretoyResponse {
  kjoretoy?: Kjoretoy;
  responskoder: Responskode[];
}

export interface KjoretoysokResponse {
  antallITreffliste: number;
  antallTreffTotalt: number;
  kjoretoyresponser: KjoretoyResponse[];
  responskoder: Responskode[];
}

export interface Kunde {
  personEnhet: PersonEnhet;
  antallKjoretoy: number;
}

export interface KundeSokResponse {
  antallITreffliste: number;
  antallTreffTotalt: number;
  kunder: Kunde[];
  responskoder: Responskode[];
}
