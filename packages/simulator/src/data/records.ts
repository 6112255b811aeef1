/**
 * The register's internal, time-aware model of a vehicle and the parties around it. A record
 * holds the whole history; `vehicle-state.ts` projects it onto one instant (docs/contract.md#s4.7) and
 * `kjoretoy-render.ts` turns that projection into SVV's wire shape.
 */
import type { JsonObject } from './kjoretoy-types.js';

/** Index into the register's party space (fixed parties first, then generated ones). */
export type PartyId = number;

/** A half-open interval of epoch milliseconds; `til` undefined means "still in force". */
export interface Span {
  fom: number;
  til?: number;
}

export interface OwnershipSpan extends Span {
  vedtak: number;
  eier: PartyId;
  medeier?: PartyId;
  leasingtaker?: PartyId;
  underenhet?: PartyId;
}

export type Registreringsstatus = 'REGISTRERT' | 'AVREGISTRERT' | 'VRAKET' | 'UTFORT';

export interface RegistrationSpan extends Span {
  status: Registreringsstatus;
}

export interface PlateSpan extends Span {
  /** Normalised: upper case, no spaces. */
  kjennemerke: string;
  kategori: 'KJORETOY' | 'PERSONLIG';
}

export type Skjermingsomfang = 'EIERSKAP' | 'TEKNISK_DATA';

export interface VehicleRecord {
  index: number;
  kuid: string;
  imid: string;
  understellsnummer: string;
  merkekode: string;
  forstegangsregistrert: number;
  plates: PlateSpan[];
  ownerships: OwnershipSpan[];
  registrations: RegistrationSpan[];
  unntattOffentlighet: Skjermingsomfang[];
  /** The vehicle exists but SVV does not release its data (`OPPLYSNINGER_UTILGJENGELIG`). */
  unavailable: boolean;
  kjoringensArt?: string;
  neringskode?: { kode: string; beskrivelse: string };
  kontrollfrist?: string;
  sistGodkjent?: string;
  godkjenning: JsonObject;
}

export interface PartyAddress {
  adresselinje1: string;
  postnummer: string;
  poststed: string;
  kommunenummer: string;
  kommunenavn: string;
}

interface PersonData {
  fornavn: string;
  mellomnavn?: string;
  etternavn: string;
  fodselsdato: string;
  fodselsnummer: string;
  kjonn: 'M' | 'K';
}

interface EnhetData {
  organisasjonsnavn: string;
  organisasjonsnummer: string;
  /** Main unit of a sub-unit (underenhet). */
  hovedenhet?: PartyId;
}

export interface PartyData {
  id: PartyId;
  kundeId: string;
  person?: PersonData;
  enhet?: EnhetData;
  adresse: PartyAddress;
  adressestatus?: 'VANLIG_BOSATT' | 'SVALBARD';
  erUnntattOffentlighet: boolean;
}
