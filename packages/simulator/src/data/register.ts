/**
 * The synthetic vehicle register: story vehicles (fixed) at indexes 0..K-1, then generated
 * vehicles, each regenerated from (seed, index) when it is looked up. Only small structures are
 * kept in memory: the personal-plate table (about 1.5 % of vehicles), maps for the fixed
 * vehicles and, once a search needs them, the packed owner and party indexes.
 */
import { normaliseKjennemerke } from './identifiers.js';
import type { Kjoretoy } from './kjoretoy-types.js';
import { PartySpace } from './parties.js';
import { personalPlateCandidate, type PersonalPlateCandidate } from './plates.js';
import type { OwnershipSpan, PartyData, Registreringsstatus, VehicleRecord } from './records.js';
import { renderKjoretoy } from './kjoretoy-render.js';
import { PlateMatcher } from './plate-search.js';
import { PartyKeyIndex, buildOwnerIndex } from './search-indexes.js';
import type { PackedMultiMap } from './packed-multimap.js';
import { STORY_RECORDS, STORY_VEHICLES, type StoryVehicle } from './seed/story-vehicles.js';
import { VehicleGenerator } from './vehicle-generator.js';
import { searchVins, type VinPattern } from './vin-search.js';
import { carriesPlateAt, existsAt, ownershipAt, registrationAt } from './vehicle-state.js';

export type { StoryVehicle, VinPattern };

export interface RegisterOptions {
  /** Any integer; the same seed always gives the same register. Default 1. */
  seed?: number;
  /** Total vehicles including the story vehicles. Default 10 000, at most 1 000 000 + stories. */
  vehicles?: number;
}

export type LookupResult =
  | { status: 'found'; index: number; kjoretoy: Kjoretoy }
  | { status: 'unavailable'; index: number }
  | { status: 'not-found' };

const NOT_FOUND: LookupResult = { status: 'not-found' };
const PERSONS_PER_VEHICLE = 0.75;
const ORGS_PER_VEHICLE = 0.04;

function toMs(at: Date | undefined): number | undefined {
  if (at === undefined) return undefined;
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  return ms;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class Register {
  readonly seed: number;
  readonly size: number;
  readonly storyVehicles: readonly StoryVehicle[] = STORY_VEHICLES;
  readonly parties: PartySpace;
  private readonly storyCount = STORY_RECORDS.length;
  private readonly generator: VehicleGenerator;
  private readonly storyByPlate = new Map<string, number[]>();
  private readonly storyByKuid = new Map<string, number>();
  private readonly storyByVin = new Map<string, number[]>();
  /** Personal plate → generated vehicle number (the first vehicle that claimed it). */
  private readonly personalPlates = new Map<string, number>();
  private ownerIndex?: PackedMultiMap;
  private partyIndex?: PartyKeyIndex;

  constructor(options: RegisterOptions = {}) {
    const seed = options.seed ?? 1;
    const vehicles = options.vehicles ?? 10_000;
    if (!Number.isInteger(seed)) throw new TypeError('seed option must be an integer');
    if (!Number.isInteger(vehicles) || vehicles < 0)
      throw new TypeError('vehicles option must be a non-negative integer');
    this.seed = seed >>> 0;
    this.size = Math.max(vehicles, this.storyCount);
    const generated = this.size - this.storyCount;
    this.parties = new PartySpace(
      this.seed,
      Math.max(50, Math.round(generated * PERSONS_PER_VEHICLE)),
      Math.max(20, Math.round(generated * ORGS_PER_VEHICLE)),
    );
    this.generator = new VehicleGenerator(this.seed, generated, this.parties);
    STORY_RECORDS.forEach((record) => {
      for (const plate of record.plates) addTo(this.storyByPlate, plate.kjennemerke, record.index);
      this.storyByKuid.set(record.kuid, record.index);
      addTo(this.storyByVin, record.understellsnummer, record.index);
    });
    for (let g = 0; g < generated; g++) {
      const candidate = personalPlateCandidate(this.seed, g);
      if (
        candidate &&
        !this.storyByPlate.has(candidate.kjennemerke) &&
        !this.personalPlates.has(candidate.kjennemerke)
      ) {
        this.personalPlates.set(candidate.kjennemerke, g);
      }
    }
  }

  /** The full, time-aware record of a vehicle. */
  record(index: number): VehicleRecord {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError('Vehicle index out of range');
    if (index < this.storyCount) return STORY_RECORDS[index] as VehicleRecord;
    const g = index - this.storyCount;
    return this.generator.record(g, index, this.confirmedPersonalPlate(g));
  }

  private confirmedPersonalPlate(g: number): PersonalPlateCandidate | undefined {
    const candidate = personalPlateCandidate(this.seed, g);
    return candidate && this.personalPlates.get(candidate.kjennemerke) === g ? candidate : undefined;
  }

  /** The vehicle at `at` as a lookup answers it (found, unavailable, or not yet registered). */
  lookup(index: number, at?: Date): LookupResult {
    return this.resolve(this.record(index), toMs(at));
  }

  private resolve(record: VehicleRecord, at: number | undefined): LookupResult {
    if (!existsAt(record, at)) return NOT_FOUND;
    if (record.unavailable) return { status: 'unavailable', index: record.index };
    return { status: 'found', index: record.index, kjoretoy: renderKjoretoy(record, at, this.parties) };
  }

  /** Vehicle indexes that could carry a plate (at any time); callers check the time. */
  plateCandidates(normalised: string): number[] {
    const candidates = [...(this.storyByPlate.get(normalised) ?? [])];
    const personal = this.personalPlates.get(normalised);
    if (personal !== undefined) candidates.push(this.storyCount + personal);
    const ordinary = this.generator.plates.generatedIndexOf(normalised);
    if (ordinary !== undefined && ordinary < this.generator.generatedCount) candidates.push(this.storyCount + ordinary);
    return candidates;
  }

  /** B1: the vehicle that carried the plate at `at` (now when omitted). */
  findByKjennemerke(plate: string, at?: Date): LookupResult {
    const normalised = normaliseKjennemerke(plate);
    const ms = toMs(at);
    for (const index of this.plateCandidates(normalised)) {
      const record = this.record(index);
      if (carriesPlateAt(record, normalised, ms)) return this.resolve(record, ms);
    }
    return NOT_FOUND;
  }

  /** B2: the vehicle with this kuid, as it was at `at`. */
  findByKuid(kuid: string, at?: Date): LookupResult {
    const story = this.storyByKuid.get(kuid);
    if (story !== undefined) return this.lookup(story, at);
    const g = this.generator.generatedIndexOfKuid(kuid);
    return g === undefined ? NOT_FOUND : this.lookup(this.storyCount + g, at);
  }

  /** Vehicle indexes with this VIN (a VIN is not unique, docs/contract.md#s7d). */
  vinCandidates(vin: string): number[] {
    const indexes = [...(this.storyByVin.get(vin) ?? [])];
    const g = this.generator.generatedIndexOfVin(vin);
    if (g !== undefined) indexes.push(this.storyCount + g);
    return indexes;
  }

  /** B3: every vehicle with this VIN that existed at `at`; found and unavailable ones only. */
  findByUnderstellsnummer(vin: string, at?: Date): LookupResult[] {
    const ms = toMs(at);
    return this.vinCandidates(vin.trim().toUpperCase())
      .map((index) => this.resolve(this.record(index), ms))
      .filter((result) => result.status !== 'not-found');
  }

  /** Current registration status of a vehicle. */
  currentStatus(index: number): Registreringsstatus | undefined {
    return registrationAt(this.record(index), undefined)?.status;
  }

  /** The VIN and make code of a vehicle without rendering it (S2 scans). */
  vinOf(index: number): { understellsnummer: string; merkekode: string } {
    if (index < this.storyCount) {
      const record = STORY_RECORDS[index] as VehicleRecord;
      return { understellsnummer: record.understellsnummer, merkekode: record.merkekode };
    }
    return this.generator.vinAndMerkekode(index - this.storyCount);
  }

  /** S2: vehicles whose VIN matches an exact, prefix, suffix or infix pattern, ascending. */
  searchUnderstellsnummer(pattern: VinPattern, merkekode?: string): number[] {
    return searchVins(STORY_RECORDS, this.generator, pattern, merkekode);
  }

  /** S1: vehicles currently carrying a plate that matches a pattern with `?` wildcards. */
  searchKjennemerke(pattern: string): number[] {
    const matcher = new PlateMatcher(normaliseKjennemerke(pattern));
    const candidates = new Set<number>();
    for (const plate of matcher.ordinaryCandidates()) {
      for (const index of this.plateCandidates(plate)) candidates.add(index);
    }
    for (const [plate, indexes] of this.storyByPlate)
      if (matcher.matches(plate)) indexes.forEach((index) => candidates.add(index));
    for (const [plate, g] of this.personalPlates) if (matcher.matches(plate)) candidates.add(this.storyCount + g);
    return [...candidates]
      .filter((index) =>
        this.record(index).plates.some((plate) => plate.til === undefined && matcher.matches(plate.kjennemerke)),
      )
      .sort((a, b) => a - b);
  }

  /** Current eier/medeier/leasingtaker of a vehicle unless ownership is shielded. */
  private currentOwnership(index: number): OwnershipSpan | undefined {
    if (index < this.storyCount) {
      const record = STORY_RECORDS[index] as VehicleRecord;
      return record.unntattOffentlighet.includes('EIERSKAP') ? undefined : ownershipAt(record, undefined);
    }
    const g = index - this.storyCount;
    if (this.generator.flags(g).eierskapSkjermet) return undefined;
    const ownerships = this.generator.core(g).ownerships;
    return ownerships[ownerships.length - 1];
  }

  /** S3–S6: vehicles where the party is current eier, medeier or leasingtaker, ascending. */
  vehiclesOfParty(partyId: number): number[] {
    this.ownerIndex ??= buildOwnerIndex({ size: this.size, currentOwnership: (index) => this.currentOwnership(index) });
    return this.ownerIndex.get(partyId);
  }

  /** Parties by an index key (`I:<fnr or orgnr>`, `N:<FULL NAME>`, `E:<ETTERNAVN>`, `P:<phonetic>`). */
  partiesByKey(key: string): PartyData[] {
    this.partyIndex ??= PartyKeyIndex.build(this.parties);
    return this.partyIndex.find(key);
  }

  /** Builds every lazy index now (benchmarks, or a server that wants a predictable first search). */
  warmUp(): void {
    this.vehiclesOfParty(0);
    this.partiesByKey('I:');
  }

  /** Bytes held by the lazily built indexes (for the memory footprint report). */
  indexBytes(): number {
    return (this.ownerIndex?.byteLength ?? 0) + (this.partyIndex?.byteLength ?? 0);
  }
}

/** Creates a register; see RegisterOptions. */
export function createRegister(options: RegisterOptions = {}): Register {
  return new Register(options);
}
