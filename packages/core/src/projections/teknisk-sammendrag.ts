// Technical summary projection (docs/contract.md#s5.5, docs/contract.md#s5.6): the handful of fields a case step needs
// (identity, make/model/colour, registration status, first registration, weights, fuel, inspection)
// instead of ~30 KB of godkjenning. Every field is optional; partial or null data never throws.
import type { Kjoretoy, Registreringsstatus } from '../schemas/index.js';
import { finiteNumber, first, kjennemerkeOf, kodeNavn, kodeVerdi, list, text } from './read.js';

export interface TekniskSammendrag {
  kjennemerke?: string;
  kuid?: string;
  understellsnummer?: string;
  merke?: string;
  merkekode?: string;
  /** First `handelsbetegnelse`, e.g. "Mitsubishi Outlander". */
  modell?: string;
  typebetegnelse?: string;
  /** Vehicle class code, e.g. `M1` (Personbil). */
  tekniskKode?: string;
  /** First body colour's `kodeNavn`, e.g. "Svart". */
  farge?: string;
  registreringsstatus?: Registreringsstatus;
  registreringsstatusNavn?: string;
  /** `forstegangsregistrering.registrertForstegangNorgeDato` (date). */
  forstegangsregistrertNorge?: string;
  /** `godkjenning.forstegangsGodkjenning.forstegangRegistrertDato` (date; may be abroad). */
  forstegangRegistrertDato?: string;
  /** Kilograms. */
  egenvekt?: number;
  /** Kilograms. */
  tillattTotalvekt?: number;
  /** Kilograms. */
  nyttelast?: number;
  /** Fuel names in motor order, without duplicates, e.g. ["Bensin", "Elektrisk"]. */
  drivstoff?: string[];
  kontrollfrist?: string;
  /** Read only from `sistGodkjent` as the spec spells it (docs/contract.md#s5.8). */
  sistGodkjent?: string;
}

export function tekniskSammendrag(kjoretoy: Kjoretoy): TekniskSammendrag {
  const id = kjoretoy.kjoretoyId;
  const godkjenning = kjoretoy.godkjenning;
  const teknisk = godkjenning?.tekniskGodkjenning;
  const data = teknisk?.tekniskeData;
  const generelt = data?.generelt;
  const merke = first(generelt?.merke);
  const status = kjoretoy.registrering?.registreringsstatus;
  const vekter = data?.vekter;
  const kontroll = kjoretoy.periodiskKjoretoyKontroll;

  const summary: TekniskSammendrag = {
    kjennemerke: kjennemerkeOf(kjoretoy),
    kuid: text(id?.kuid),
    understellsnummer: text(id?.understellsnummer),
    merke: text(merke?.merke),
    merkekode: text(merke?.merkeKode) ?? text(id?.merkekode),
    modell: text(list(generelt?.handelsbetegnelse)[0]),
    typebetegnelse: text(generelt?.typebetegnelse),
    tekniskKode: kodeVerdi(generelt?.tekniskKode) ?? kodeVerdi(teknisk?.kjoretoyklassifisering?.tekniskKode),
    farge: kodeNavn(first(data?.karosseriOgLasteplan?.rFarge)),
    registreringsstatus: kodeVerdi(status),
    registreringsstatusNavn: kodeNavn(status),
    forstegangsregistrertNorge: text(kjoretoy.forstegangsregistrering?.registrertForstegangNorgeDato),
    forstegangRegistrertDato: text(godkjenning?.forstegangsGodkjenning?.forstegangRegistrertDato),
    egenvekt: finiteNumber(vekter?.egenvekt),
    tillattTotalvekt: finiteNumber(vekter?.tillattTotalvekt),
    nyttelast: finiteNumber(vekter?.nyttelast),
    drivstoff: drivstoffOf(kjoretoy),
    kontrollfrist: text(kontroll?.kontrollfrist),
    sistGodkjent: text(kontroll?.sistGodkjent),
  };
  return withoutUndefined(summary);
}

function drivstoffOf(kjoretoy: Kjoretoy): string[] | undefined {
  const motorer = list(kjoretoy.godkjenning?.tekniskGodkjenning?.tekniskeData?.motorOgDrivverk?.motor);
  const names = motorer
    .flatMap((motor) => list(motor?.drivstoff))
    .map((drivstoff) => kodeNavn(drivstoff?.drivstoffKode) ?? kodeVerdi(drivstoff?.drivstoffKode))
    .filter((name): name is string => name !== undefined);
  const unique = [...new Set(names)];
  return unique.length > 0 ? unique : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
