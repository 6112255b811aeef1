/**
 * Generated vehicles: each is a pure function of (seed, g), where g counts generated vehicles
 * (the register index minus the number of story vehicles). Draws are ordered so the cheap facts
 * index builders need (model, first registration, owners) come first and the rest is only paid
 * for when a vehicle is actually rendered.
 */
import {
  COMBUSTION_MODELS,
  COMBUSTION_WEIGHT,
  ELECTRIC_MODELS,
  ELECTRIC_WEIGHT,
  FARGER,
  FARGER_WEIGHT,
  type ModelSpec,
} from './catalogue/models.js';
import { NERINGSKODER } from './catalogue/names.js';
import { modelYearCode, vinCheckCharacter } from './identifiers.js';
import type { PartySpace } from './parties.js';
import { OrdinaryPlates, type PersonalPlateCandidate } from './plates.js';
import { Permutation, Rng, hashInts } from './prng.js';
import type {
  OwnershipSpan,
  PartyId,
  PlateSpan,
  RegistrationSpan,
  Registreringsstatus,
  VehicleRecord,
} from './records.js';
import { LEASING_COMPANIES } from './seed/fixed-parties.js';
import { buildGodkjenning } from './technical-data.js';
import { DAY_MS, YEAR_MS, addYears, formatOsloDate, osloTime } from './time.js';

/** Generated history ends before this instant, so the data never depends on the wall clock. */
const DATA_END = osloTime(2025, 12, 1, 0, 0);
const LEASING_FROM = osloTime(2012, 1, 1, 0, 0);
const KIND_CORE = 31;
const KIND_DETAIL = 32;
const KIND_FLAGS = 33;
const KIND_SERIAL = 34;
const KIND_KUID = 35;
const KUID_BASE = 4_100_000_000;
const KUID_DOMAIN = 100_000_000;

/** Largest number of generated vehicles: VIN serials are six digits. */
const MAX_GENERATED = 1_000_000;

interface CoreHistory {
  model: ModelSpec;
  forstegangsregistrert: number;
  ownerships: OwnershipSpan[];
  /** Positioned after the ownership draws; later draws continue from here. */
  rng: Rng;
}

export class VehicleGenerator {
  readonly plates: OrdinaryPlates;
  private readonly serials: Permutation;
  private readonly kuids: Permutation;

  constructor(
    private readonly seed: number,
    readonly generatedCount: number,
    private readonly parties: PartySpace,
  ) {
    if (generatedCount > MAX_GENERATED) throw new RangeError(`At most ${MAX_GENERATED} generated vehicles`);
    this.plates = new OrdinaryPlates(seed);
    this.serials = new Permutation(MAX_GENERATED, seed, KIND_SERIAL);
    this.kuids = new Permutation(KUID_DOMAIN, seed, KIND_KUID);
  }

  /** Hash-derived flags, readable without generating the vehicle. */
  flags(g: number): { unavailable: boolean; eierskapSkjermet: boolean } {
    const permille = hashInts(this.seed, KIND_FLAGS, g) % 1000;
    return { unavailable: permille < 2, eierskapSkjermet: permille >= 2 && permille < 5 };
  }

  kuidOf(g: number): string {
    return String(KUID_BASE + this.kuids.forward(g));
  }

  generatedIndexOfKuid(kuid: string): number | undefined {
    if (!/^\d{10}$/.test(kuid)) return undefined;
    const value = Number(kuid) - KUID_BASE;
    if (value < 0 || value >= KUID_DOMAIN) return undefined;
    const g = this.kuids.inverse(value);
    return g < this.generatedCount ? g : undefined;
  }

  /** Model and first registration: the first two draws of the core stream. */
  private modelAndFirstRegistration(g: number): { rng: Rng; model: ModelSpec; forstegangsregistrert: number } {
    const rng = new Rng(this.seed, KIND_CORE, g);
    const model = this.plates.isElectric(g)
      ? rng.weighted(ELECTRIC_MODELS, ELECTRIC_WEIGHT)
      : rng.weighted(COMBUSTION_MODELS, COMBUSTION_WEIGHT);
    const lastYear = Math.min(model.yearTo, 2025);
    const year = model.yearFrom + Math.floor(rng.float() ** 0.7 * (lastYear - model.yearFrom + 1));
    const start = osloTime(year, 1, 1, 8, 0) + rng.int(year === 2025 ? 330 : 365) * DAY_MS;
    const forstegangsregistrert = Math.min(start + rng.int(8 * 3_600_000), DATA_END - 2 * DAY_MS);
    return { rng, model, forstegangsregistrert };
  }

  vinOf(g: number): string {
    return this.vinAndMerkekode(g).understellsnummer;
  }

  /** VIN and make code, without the rest of the vehicle (VIN searches scan with this). */
  vinAndMerkekode(g: number): { understellsnummer: string; merkekode: string } {
    const { model, forstegangsregistrert } = this.modelAndFirstRegistration(g);
    const year = new Date(forstegangsregistrert).getUTCFullYear();
    const serial = String(this.serials.forward(g)).padStart(6, '0');
    const vin = `${model.vin9.slice(0, 8)}0${modelYearCode(year)}${model.plant}${serial}`;
    const position9 = model.vin9.charAt(8) === '?' ? vinCheckCharacter(vin) : model.vin9.charAt(8);
    return { understellsnummer: `${vin.slice(0, 8)}${position9}${vin.slice(9)}`, merkekode: model.merkeKode };
  }

  /** The generated vehicle whose VIN ends in this six-digit serial, if any. */
  serialOwner(serial: string): number | undefined {
    const g = this.serials.inverse(Number(serial));
    return g < this.generatedCount ? g : undefined;
  }

  generatedIndexOfVin(vin: string): number | undefined {
    if (vin.length !== 17 || !/^\d{6}$/.test(vin.slice(11))) return undefined;
    const g = this.serialOwner(vin.slice(11));
    return g !== undefined && this.vinOf(g) === vin ? g : undefined;
  }

  private randomPerson(rng: Rng): PartyId {
    return this.parties.personId(rng.int(this.parties.personCount));
  }

  private randomOrg(rng: Rng): { main: PartyId; sub?: PartyId } {
    const o = rng.int(this.parties.orgCount);
    const subunits = this.parties.subunitCount(o);
    const main = this.parties.mainUnitId(o);
    return subunits > 0 ? { main, sub: main + 1 + rng.int(subunits) } : { main };
  }

  private owners(rng: Rng, fom: number): Omit<OwnershipSpan, 'fom' | 'til'> {
    const vedtak = fom + rng.int(5_000);
    const kind = rng.float();
    if (kind < 0.045 && fom >= LEASING_FROM) {
      const eier = rng.pick(LEASING_COMPANIES);
      if (rng.chance(0.45)) return { vedtak, eier, leasingtaker: this.randomPerson(rng) };
      const org = this.randomOrg(rng);
      return org.sub !== undefined && rng.chance(0.5)
        ? { vedtak, eier, leasingtaker: org.main, underenhet: org.sub }
        : { vedtak, eier, leasingtaker: org.main };
    }
    if (kind < 0.09) {
      const org = this.randomOrg(rng);
      return org.sub !== undefined && rng.chance(0.6)
        ? { vedtak, eier: org.main, underenhet: org.sub }
        : { vedtak, eier: org.main };
    }
    const eier = this.randomPerson(rng);
    if (!rng.chance(0.12)) return { vedtak, eier };
    const medeier = this.randomPerson(rng);
    return medeier === eier ? { vedtak, eier } : { vedtak, eier, medeier };
  }

  /** Model, first registration and the whole ownership history. */
  core(g: number): CoreHistory {
    const { rng, model, forstegangsregistrert } = this.modelAndFirstRegistration(g);
    const ageYears = (DATA_END - forstegangsregistrert) / YEAR_MS;
    const changes = Math.min(5, Math.floor(rng.float() * (ageYears / 3 + 0.5)));
    const window = DATA_END - forstegangsregistrert - 31 * DAY_MS;
    const times: number[] = [];
    for (let i = 0; i < changes && window > 0; i++) times.push(forstegangsregistrert + 30 * DAY_MS + rng.int(window));
    times.sort((a, b) => a - b);
    const starts = [forstegangsregistrert, ...times];
    const ownerships = starts.map((fom, i): OwnershipSpan => {
      const next = starts[i + 1];
      const span = { fom, ...this.owners(rng, fom) };
      return next === undefined ? span : { ...span, til: next };
    });
    return { model, forstegangsregistrert, ownerships, rng };
  }

  private registrations(core: CoreHistory): RegistrationSpan[] {
    const { rng, forstegangsregistrert: first, ownerships } = core;
    type Event = [time: number, status: Registreringsstatus | 'EIERSKIFTE'];
    const events: Event[] = ownerships.slice(1).map((span): Event => [span.fom, 'EIERSKIFTE']);
    const lastChange = (ownerships[ownerships.length - 1] as OwnershipSpan).fom;
    if (rng.chance(0.06)) {
      const from = first + Math.floor(rng.float() * 0.8 * (DATA_END - first));
      const to = from + (60 + rng.int(140)) * DAY_MS;
      if (to < DATA_END) events.push([from, 'AVREGISTRERT'], [to, 'REGISTRERT']);
    }
    const fate = rng.float();
    const finalStatus: Registreringsstatus | undefined =
      fate < 0.05 && first < osloTime(2020, 1, 1)
        ? 'VRAKET'
        : fate < 0.065
          ? 'UTFORT'
          : fate < 0.105
            ? 'AVREGISTRERT'
            : undefined;
    const room = DATA_END - lastChange - 8 * DAY_MS;
    if (finalStatus && room > 0) {
      const at = lastChange + 7 * DAY_MS + rng.int(room);
      for (let i = events.length - 1; i >= 0; i--) if ((events[i] as Event)[0] >= at) events.splice(i, 1);
      events.push([at, finalStatus]);
    }
    events.sort((a, b) => a[0] - b[0]);
    const spans: RegistrationSpan[] = [{ status: 'REGISTRERT', fom: first }];
    for (const [time, status] of events) {
      const current = spans[spans.length - 1] as RegistrationSpan;
      const next = status === 'EIERSKIFTE' ? (current.status === 'REGISTRERT' ? 'REGISTRERT' : undefined) : status;
      if (next === undefined || (next === current.status && status !== 'EIERSKIFTE') || time <= current.fom) continue;
      current.til = time;
      spans.push({ status: next, fom: time });
    }
    return spans;
  }

  /**
   * The full record of generated vehicle `g` at register index `index`. `personalPlate` is the
   * candidate the register confirmed as unique, if any.
   */
  record(g: number, index: number, personalPlate?: PersonalPlateCandidate): VehicleRecord {
    const core = this.core(g);
    const registrations = this.registrations(core);
    const detail = new Rng(this.seed, KIND_DETAIL, g);
    const farge = detail.weighted(FARGER, FARGER_WEIGHT);
    const first = core.forstegangsregistrert;
    const plates: PlateSpan[] = [{ kjennemerke: this.plates.plateOf(g), kategori: 'KJORETOY', fom: first }];
    if (personalPlate) {
      const fom = first + Math.floor(personalPlate.fraction * (DATA_END - first));
      if (fom - first > 30 * DAY_MS)
        plates.push({ kjennemerke: personalPlate.kjennemerke, kategori: 'PERSONLIG', fom });
    }
    const flags = this.flags(g);
    const current = core.ownerships[core.ownerships.length - 1] as OwnershipSpan;
    const bruker = current.leasingtaker ?? current.eier;
    const record: VehicleRecord = {
      index,
      kuid: this.kuidOf(g),
      imid: String(1_000_000 + g),
      understellsnummer: this.vinOf(g),
      merkekode: core.model.merkeKode,
      forstegangsregistrert: first,
      plates,
      ownerships: core.ownerships,
      registrations,
      unntattOffentlighet: flags.eierskapSkjermet ? ['EIERSKAP'] : [],
      unavailable: flags.unavailable,
      kjoringensArt: 'EGENTRANSP_ANNEN',
      godkjenning: buildGodkjenning({
        model: core.model,
        farge,
        forstegangsregistrert: first,
        godkjenningsId: String(5_000_000 + g),
        fortollingsreferanse: `${detail.between(1_000_000, 9_999_999)}${String(detail.int(1_000_000_000)).padStart(9, '0')}`,
      }),
      ...this.kontroll(first, detail),
    };
    if (!this.parties.isPerson(bruker)) {
      record.neringskode = NERINGSKODER[
        hashInts(this.seed, KIND_DETAIL, bruker) % NERINGSKODER.length
      ] as VehicleRecord['neringskode'];
    }
    return record;
  }

  /** EU-kontroll: first deadline four years after first registration, then every two years. */
  private kontroll(first: number, rng: Rng): { kontrollfrist: string; sistGodkjent?: string } {
    const firstDeadline = addYears(first, 4);
    if (firstDeadline > DATA_END) return { kontrollfrist: formatOsloDate(firstDeadline) };
    const periods = Math.ceil((DATA_END - firstDeadline) / (2 * YEAR_MS));
    const deadline = addYears(firstDeadline, 2 * periods);
    const previous = addYears(deadline, -2);
    return { kontrollfrist: formatOsloDate(deadline), sistGodkjent: formatOsloDate(previous - rng.int(90) * DAY_MS) };
  }
}
