// Owner-for-notice projection (docs/contract.md#s5.3): who to write to about a vehicle, and where, with
// every skjerming flag applied. Pure and data-minimising: no kundeId, no kommunenummer, and no
// fødselsnummer unless the caller asks for it.
//
// Shielding rules (docs/contract.md#s5.3: an address the data marks as shielded is never shown or passed on):
// 1. A party with `erUnntattOffentlighet`, or an `adressestatus` that signals a protected address,
//    gets `skjermet: true` and no `adresse`. Its name is kept: the notice must still be routed
//    to that person by a channel that does not need the address.
// 2. A vehicle whose `kjoretoyId.unntattOffentlighet` contains `EIERSKAP` gets `skjermet: true`
//    at the top, and no party gets an address. Parties that are not shielded themselves keep their
//    name (marked `skjermet: true`); parties that are shielded themselves are left out entirely,
//    because both the vehicle's ownership and the person are exempt from disclosure.
import type { Kjoretoy, KodeverkType, PersonEnhet } from '../schemas/index.js';
import { kjennemerkeOf, kodeVerdi, text } from './read.js';

export interface PostAdresse {
  /** `adresselinje1..3`, blank lines dropped. */
  adresselinjer: string[];
  postnummer?: string;
  poststed?: string;
  land?: string;
  /** ISO 3166 alpha-3, e.g. `NOR`. */
  landkode?: string;
}

export interface Part {
  type: 'person' | 'organisasjon';
  /** Full name or organisasjonsnavn; empty when SVV sent the party without name fields. */
  navn: string;
  fornavn?: string;
  mellomnavn?: string;
  etternavn?: string;
  organisasjonsnummer?: string;
  fodselsdato?: string;
  /** Only with `includeFodselsnummer: true`, and only when SVV released it. */
  fodselsnummer?: string;
  /** Absent when shielded, or when SVV sent no address. */
  adresse?: PostAdresse;
  /** True when this party's address must not be used or shown. */
  skjermet: boolean;
  /** Not in Folkeregisteret/Enhetsregisteret: data may be stale or foreign (docs/contract.md#s5.3). */
  erUverifisert?: boolean;
  fomTidspunkt?: string;
  /** Set when the ownership has ended (lookups back in time). */
  tilTidspunkt?: string;
}

export interface EierForVarsel {
  kjennemerke?: string;
  kuid?: string;
  /** True when the vehicle's ownership is exempt from disclosure (`EIERSKAP`). */
  skjermet: boolean;
  eier?: Part;
  medeier?: Part;
  leasingtaker?: Part;
  underenhet?: Part;
}

export interface EierForVarselOptions {
  /** Include `Person.fodselsnummer` when SVV released it. Default false. */
  includeFodselsnummer?: boolean;
}

const ROLES = ['eier', 'medeier', 'leasingtaker', 'underenhet'] as const;

/**
 * Substrings of an adressestatus code or name that mean "protected address". Matched loosely on
 * purpose (docs/contract.md#s5.7 lists only samples): KLIENTADRESSE, SPERRET_ADRESSE_*, FREG's
 * fortrolig / strengt fortrolig, and anything that says skjermet or beskyttet.
 */
const SHIELDED_ADRESSESTATUS = ['SPERRET', 'FORTROLIG', 'SKJERMET', 'KLIENT', 'BESKYTT'];

export function eierForVarsel(kjoretoy: Kjoretoy, options: EierForVarselOptions = {}): EierForVarsel {
  const vehicleShielded = isEierskapShielded(kjoretoy);
  const result: EierForVarsel = { skjermet: vehicleShielded };
  const kjennemerke = kjennemerkeOf(kjoretoy);
  const kuid = text(kjoretoy.kjoretoyId?.kuid);
  if (kjennemerke) result.kjennemerke = kjennemerke;
  if (kuid) result.kuid = kuid;

  const eierskap = kjoretoy.eierskap;
  for (const role of ROLES) {
    const party = eierskap?.[role];
    if (!party || typeof party !== 'object') continue;
    const partyShielded = isPartyShielded(party);
    if (vehicleShielded && partyShielded) continue;
    const projected = projectPart(party, vehicleShielded || partyShielded, options);
    if (projected) result[role] = projected;
  }
  return result;
}

/** docs/contract.md#s5.7 Skjermingsomfang: `EIERSKAP` in `kjoretoyId.unntattOffentlighet`. */
export function isEierskapShielded(kjoretoy: Kjoretoy): boolean {
  const codes = kjoretoy.kjoretoyId?.unntattOffentlighet;
  return Array.isArray(codes) && codes.some((code) => kodeVerdi(code)?.trim().toUpperCase() === 'EIERSKAP');
}

/** Conservative: anything but an explicit `false`/absent `erUnntattOffentlighet` shields. */
export function isPartyShielded(party: PersonEnhet): boolean {
  const flag = party.erUnntattOffentlighet;
  return (flag !== undefined && flag !== null && flag !== false) || isShieldedAdressestatus(party.adressestatus);
}

function isShieldedAdressestatus(status: KodeverkType | null | undefined): boolean {
  const words = [status?.kodeVerdi, status?.kodeNavn]
    .map((value) => (typeof value === 'string' ? value.toUpperCase() : ''))
    .join(' ');
  return SHIELDED_ADRESSESTATUS.some((marker) => words.includes(marker));
}

function projectPart(party: PersonEnhet, skjermet: boolean, options: EierForVarselOptions): Part | undefined {
  const person = party.person && typeof party.person === 'object' ? party.person : undefined;
  const enhet = party.enhet && typeof party.enhet === 'object' ? party.enhet : undefined;
  const organisasjonsnavn = text(enhet?.organisasjonsnavn);
  const organisasjonsnummer = text(enhet?.organisasjonsnummer);
  const isOrganisasjon = Boolean(organisasjonsnavn || organisasjonsnummer);
  if (!person && !isOrganisasjon) return undefined;

  const fornavn = text(person?.fornavn);
  const mellomnavn = text(person?.mellomnavn);
  const etternavn = text(person?.etternavn);
  const personNavn = [fornavn, mellomnavn, etternavn].filter(Boolean).join(' ');
  const part: Part = {
    type: isOrganisasjon ? 'organisasjon' : 'person',
    navn: isOrganisasjon ? (organisasjonsnavn ?? '') : personNavn,
    skjermet,
  };
  assignDefined(part, {
    fornavn,
    mellomnavn,
    etternavn,
    organisasjonsnummer,
    fodselsdato: text(person?.fodselsdato),
    fodselsnummer: options.includeFodselsnummer ? text(person?.fodselsnummer) : undefined,
    adresse: skjermet ? undefined : postAdresse(party.adresse),
    erUverifisert: typeof party.erUverifisert === 'boolean' ? party.erUverifisert : undefined,
    fomTidspunkt: text(party.fomTidspunkt),
    tilTidspunkt: text(party.tilTidspunkt),
  });
  return part;
}

function postAdresse(adresse: PersonEnhet['adresse']): PostAdresse | undefined {
  if (!adresse || typeof adresse !== 'object') return undefined;
  const adresselinjer = [adresse.adresselinje1, adresse.adresselinje2, adresse.adresselinje3]
    .map(text)
    .filter((line): line is string => line !== undefined);
  const result: PostAdresse = { adresselinjer };
  assignDefined(result, {
    postnummer: text(adresse.postnummer),
    poststed: text(adresse.poststed),
    land: text(adresse.land),
    landkode: text(adresse.landkode),
  });
  return adresselinjer.length > 0 || Object.keys(result).length > 1 ? result : undefined;
}

/** Copies only defined values, so absent data stays absent instead of `key: undefined`. */
function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
