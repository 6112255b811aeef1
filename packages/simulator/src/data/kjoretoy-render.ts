/**
 * Renders a vehicle record at an instant into SVV's `Kjoretoy` (docs/contract.md#s5) the way SVV formats
 * it (docs/contract.md#s5.8): plates with a space, `[]` for empty lists, absent scalars omitted, date-times with
 * the Europe/Oslo offset. DTG applies to eierskap, registrering and kjennemerke only (docs/contract.md#s4.7).
 */
import { displayKjennemerke } from './identifiers.js';
import type {
  Adresse,
  Eierforhold,
  Kjennemerke,
  KodeverkType,
  Kjoretoy,
  KjoretoyIdentitet,
  JsonObject,
  PersonEnhet,
  Registrering,
} from './kjoretoy-types.js';
import type { PartySpace } from './parties.js';
import type { OwnershipSpan, PartyData, PartyId, Registreringsstatus, Span, VehicleRecord } from './records.js';
import { formatOsloDate, formatOsloDateTime } from './time.js';
import { ownershipAt, platesAt, registeredOnOwnerSince, registrationAt } from './vehicle-state.js';

function kodeverk(kodeVerdi: string, kodeBeskrivelse?: string, kodeNavn?: string): KodeverkType {
  const code: KodeverkType = { kodeVerdi, tidligereKodeVerdi: [] };
  return {
    ...(kodeBeskrivelse === undefined ? {} : { kodeBeskrivelse }),
    ...(kodeNavn === undefined ? {} : { kodeNavn }),
    ...code,
  };
}

const STATUS_TEXT: Record<Registreringsstatus, string> = {
  REGISTRERT: 'Registrert',
  AVREGISTRERT: 'Avregistrert',
  VRAKET: 'Vraket',
  UTFORT: 'Utført',
};

const SKJERMING_TEXT: Record<string, string> = { EIERSKAP: 'Eierskap', TEKNISK_DATA: 'Teknisk data' };
const ORDINART = kodeverk('ORDINART', 'Sorte tegn på hvit bunn', 'Ordinære kjennemerker');
const KJORINGENS_ART: Record<string, KodeverkType> = {
  EGENTRANSP_ANNEN: kodeverk('EGENTRANSP_ANNEN', 'Egentransport - annen', 'Egentransport annen'),
};

function adresse(party: PartyData): Adresse {
  const a = party.adresse;
  return {
    adresselinje1: a.adresselinje1,
    kommunenavn: a.kommunenavn,
    kommunenummer: a.kommunenummer,
    land: 'NORGE',
    landkode: 'NOR',
    postnummer: a.postnummer,
    poststed: a.poststed,
  };
}

/** A party as SVV shows it: current name and address whatever the DTG (docs/contract.md#s4.7). */
export function renderPersonEnhet(party: PartyData, span?: Span): PersonEnhet {
  // Built by insertion so keys come out in SVV's sample order.
  const out: Partial<PersonEnhet> = { adresse: adresse(party) };
  if (party.adressestatus) out.adressestatus = kodeverk(party.adressestatus);
  if (party.enhet) {
    out.enhet = {
      organisasjonsnavn: party.enhet.organisasjonsnavn,
      organisasjonsnummer: party.enhet.organisasjonsnummer,
    };
  }
  if (party.erUnntattOffentlighet) out.erUnntattOffentlighet = true;
  out.erUverifisert = false;
  if (span) out.fomTidspunkt = formatOsloDateTime(span.fom);
  out.kundeId = party.kundeId;
  if (party.person) {
    const p = party.person;
    out.person = {
      etternavn: p.etternavn,
      fodselsdato: p.fodselsdato,
      fodselsnummer: p.fodselsnummer,
      fornavn: p.fornavn,
    };
    if (p.mellomnavn !== undefined) out.person.mellomnavn = p.mellomnavn;
  }
  if (span?.til !== undefined) out.tilTidspunkt = formatOsloDateTime(span.til);
  return out as PersonEnhet;
}

function eierskap(span: OwnershipSpan, parties: PartySpace): Eierforhold {
  const out: Eierforhold = {};
  const render = (id: PartyId | undefined): PersonEnhet | undefined => {
    const party = id === undefined ? undefined : parties.party(id);
    return party ? renderPersonEnhet(party, span) : undefined;
  };
  const eier = render(span.eier);
  const leasingtaker = render(span.leasingtaker);
  const medeier = render(span.medeier);
  const underenhet = render(span.underenhet);
  if (eier) out.eier = eier;
  if (leasingtaker) out.leasingtaker = leasingtaker;
  if (medeier) out.medeier = medeier;
  if (underenhet) out.underenhet = underenhet;
  out.vedtakstidspunkt = formatOsloDateTime(span.vedtak);
  return out;
}

function registrering(
  record: VehicleRecord,
  at: number | undefined,
  owner: OwnershipSpan | undefined,
): Registrering | undefined {
  const span = registrationAt(record, at);
  if (!span) return undefined;
  const out: Partial<Registrering> = { fomTidspunkt: formatOsloDateTime(span.fom) };
  const art = record.kjoringensArt === undefined ? undefined : KJORINGENS_ART[record.kjoringensArt];
  if (art) out.kjoringensArt = art;
  if (record.neringskode) {
    out.neringskode = record.neringskode.kode;
    out.neringskodeBeskrivelse = record.neringskode.beskrivelse;
  }
  out.registreringsstatus = kodeverk(span.status, STATUS_TEXT[span.status]);
  const since = owner ? registeredOnOwnerSince(record, owner, at) : undefined;
  if (since !== undefined) out.registrertForstegangPaEierskap = formatOsloDateTime(since);
  if (span.til !== undefined) out.tilTidspunkt = formatOsloDateTime(span.til);
  return out as Registrering;
}

function kjennemerker(record: VehicleRecord, at: number | undefined): Kjennemerke[] {
  return platesAt(record, at).map((plate) => {
    const rendered: Kjennemerke = {
      fomTidspunkt: formatOsloDateTime(plate.fom),
      kjennemerke: displayKjennemerke(plate.kjennemerke, plate.kategori),
      kjennemerkekategori: plate.kategori,
      kjennemerketype: ORDINART,
    };
    if (plate.til !== undefined) rendered.tilTidspunkt = formatOsloDateTime(plate.til);
    return rendered;
  });
}

/** The vehicle as it was at `at` (epoch ms), or as it is now when `at` is undefined. */
export function renderKjoretoy(record: VehicleRecord, at: number | undefined, parties: PartySpace): Kjoretoy {
  const plates = kjennemerker(record, at);
  const shown = plates.find((plate) => plate.kjennemerkekategori === 'PERSONLIG') ?? plates[0];
  const owner = ownershipAt(record, at);
  const kjoretoyId: Partial<KjoretoyIdentitet> = { imid: record.imid };
  if (shown) kjoretoyId.kjennemerke = shown.kjennemerke;
  kjoretoyId.kjoretoyErKryssbyttet = false;
  kjoretoyId.kryssbytter = [];
  kjoretoyId.kuid = record.kuid;
  kjoretoyId.merkekode = record.merkekode;
  kjoretoyId.understellsnummer = record.understellsnummer;
  kjoretoyId.unntattOffentlighet = record.unntattOffentlighet.map((code) =>
    kodeverk(code, undefined, SKJERMING_TEXT[code]),
  );
  const out: Partial<Kjoretoy> = {
    kjoretoyId: kjoretoyId as KjoretoyIdentitet,
    forstegangsregistrering: { registrertForstegangNorgeDato: formatOsloDate(record.forstegangsregistrert) },
  };
  // docs/contract.md#s5.2: the consumer's authorisation may suppress whole sub-objects; EIERSKAP hides eierskap.
  if (owner && !record.unntattOffentlighet.includes('EIERSKAP')) out.eierskap = eierskap(owner, parties);
  out.kjennemerke = plates;
  const reg = registrering(record, at, owner);
  if (reg) out.registrering = reg;
  out.godkjenning = record.unntattOffentlighet.includes('TEKNISK_DATA')
    ? withoutTekniskeData(record.godkjenning)
    : record.godkjenning;
  out.periodiskKjoretoyKontroll = {};
  if (record.kontrollfrist) out.periodiskKjoretoyKontroll.kontrollfrist = record.kontrollfrist;
  if (record.sistGodkjent) out.periodiskKjoretoyKontroll.sistGodkjent = record.sistGodkjent;
  return out as Kjoretoy;
}

function withoutTekniskeData(godkjenning: JsonObject): JsonObject {
  const teknisk = { ...(godkjenning['tekniskGodkjenning'] as JsonObject) };
  delete teknisk['tekniskeData'];
  return { ...godkjenning, tekniskGodkjenning: teknisk };
}
