/**
 * The party space: fixed parties first, then generated persons, then organisations with up to
 * two sub-units each. Every generated party is a pure function of (seed, id), and its identifiers
 * are unique by construction:
 *  - fødselsnummer: a keyed permutation spreads persons over (birth date, slot); the slot picks
 *    the n-th individnummer with valid check digits, so no two persons share one;
 *  - organisasjonsnummer: eight candidate numbers per unit from a keyed permutation, the first
 *    with a valid mod-11 check digit wins;
 *  - kundeId: a fixed offset plus the party id.
 */
import { ETTERNAVN, FORNAVN_KVINNE, FORNAVN_MANN, ORG_BRANSJE, ORG_FORLEDD, ORG_FORMER } from './catalogue/names.js';
import { PLACES, PLACES_TOTAL_WEIGHT, STREETS, SVALBARD_KOMMUNENUMMER, type Place } from './catalogue/places.js';
import { SYNTHETIC_MONTH_OFFSET, fodselsdatoOf, kjonnOf, organisasjonsnummerCheckDigit, pad2 } from './identifiers.js';
import { Permutation, Rng, hashInts } from './prng.js';
import type { PartyAddress, PartyData, PartyId } from './records.js';
import { FIXED_PARTIES } from './seed/fixed-parties.js';
import { DAY_MS } from './time.js';

const KIND_PERSON = 21;
const KIND_ENHET = 22;
const KIND_SUBUNITS = 23;
const KIND_FNR = 24;
const KIND_ORGNR = 25;
const KIND_ORG_FORM = 26;

const BIRTH_FIRST_DAY = Date.UTC(1940, 0, 1) / DAY_MS;
const BIRTH_DAYS = Date.UTC(2006, 0, 1) / DAY_MS - BIRTH_FIRST_DAY;
const ORGNR_BASE = 92_000_000;
const ORGNR_DOMAIN = 5_000_000;
const ORGNR_CANDIDATES = 8;
const UNITS_PER_ORG = 3;
const KUNDEID_BASE = 200_000_000;
const ORG_FORM_WEIGHT = ORG_FORMER.reduce((sum, form) => sum + form.weight, 0);

function address(rng: Rng): { adresse: PartyAddress; place: Place } {
  const place = rng.weighted(PLACES, PLACES_TOTAL_WEIGHT);
  const adresse = {
    adresselinje1: `${rng.pick(STREETS)} ${rng.between(1, 150)}`,
    postnummer: place.postnummer,
    poststed: place.poststed,
    kommunenummer: place.kommunenummer,
    kommunenavn: place.kommunenavn,
  };
  return { adresse, place };
}

export class PartySpace {
  readonly fixedCount = FIXED_PARTIES.length;
  readonly size: number;
  private readonly personBase: number;
  private readonly enhetBase: number;
  private readonly personPermutation: Permutation;
  private readonly orgnrPermutation: Permutation;
  private readonly fixedByKundeId = new Map(FIXED_PARTIES.map((party) => [party.kundeId, party.id]));

  constructor(
    private readonly seed: number,
    readonly personCount: number,
    readonly orgCount: number,
  ) {
    if (orgCount * UNITS_PER_ORG * ORGNR_CANDIDATES > ORGNR_DOMAIN) {
      throw new RangeError('Too many organisations for the organisasjonsnummer range');
    }
    this.personBase = this.fixedCount;
    this.enhetBase = this.personBase + personCount;
    this.size = this.enhetBase + orgCount * UNITS_PER_ORG;
    this.personPermutation = new Permutation(Math.max(1, personCount), seed, KIND_FNR);
    this.orgnrPermutation = new Permutation(ORGNR_DOMAIN, seed, KIND_ORGNR);
  }

  personId(p: number): PartyId {
    return this.personBase + p;
  }

  mainUnitId(o: number): PartyId {
    return this.enhetBase + o * UNITS_PER_ORG;
  }

  /** 0, 1 or 2 sub-units (underenheter) for organisation `o`. */
  subunitCount(o: number): number {
    return hashInts(this.seed, KIND_SUBUNITS, o) % UNITS_PER_ORG;
  }

  isPerson(id: PartyId): boolean {
    if (id < this.fixedCount) return FIXED_PARTIES[id]?.person !== undefined;
    return id < this.enhetBase;
  }

  kundeIdOf(id: PartyId): string {
    return id < this.fixedCount ? (FIXED_PARTIES[id] as PartyData).kundeId : String(KUNDEID_BASE + id);
  }

  idOfKundeId(kundeId: string): PartyId | undefined {
    const fixed = this.fixedByKundeId.get(kundeId);
    if (fixed !== undefined) return fixed;
    if (!/^\d{9}$/.test(kundeId)) return undefined;
    const id = Number(kundeId) - KUNDEID_BASE;
    return id >= this.fixedCount && id < this.size && this.exists(id) ? id : undefined;
  }

  exists(id: PartyId): boolean {
    if (id < 0 || id >= this.size) return false;
    if (id < this.enhetBase) return true;
    const unit = (id - this.enhetBase) % UNITS_PER_ORG;
    return unit <= this.subunitCount(Math.floor((id - this.enhetBase) / UNITS_PER_ORG));
  }

  /** The party, or undefined for ids outside the space and unused sub-unit slots. */
  party(id: PartyId): PartyData | undefined {
    if (id < this.fixedCount) return FIXED_PARTIES[id];
    if (!this.exists(id)) return undefined;
    if (id < this.enhetBase) return this.person(id - this.personBase);
    const offset = id - this.enhetBase;
    return this.enhet(Math.floor(offset / UNITS_PER_ORG), offset % UNITS_PER_ORG);
  }

  /** Fødselsnummer only; cheaper than the whole person when building indexes. */
  fodselsnummerOf(p: number): string {
    const value = this.personPermutation.forward(p);
    const epochDay = BIRTH_FIRST_DAY + (value % BIRTH_DAYS);
    const slot = Math.floor(value / BIRTH_DAYS);
    const birth = new Date(epochDay * DAY_MS);
    const year = birth.getUTCFullYear();
    const month = birth.getUTCMonth() + 1 + SYNTHETIC_MONTH_OFFSET;
    const day = birth.getUTCDate();
    const yy = year % 100;
    // Weighted sums of the date digits; the individnummer loop then needs no strings.
    const d1 = Math.floor(day / 10);
    const d2 = day % 10;
    const m1 = Math.floor(month / 10);
    const m2 = month % 10;
    const y1 = Math.floor(yy / 10);
    const y2 = yy % 10;
    const s1 = 3 * d1 + 7 * d2 + 6 * m1 + m2 + 8 * y1 + 9 * y2;
    const s2 = 5 * d1 + 4 * d2 + 3 * m1 + 2 * m2 + 7 * y1 + 6 * y2;
    const base = year < 2000 ? 0 : 500;
    const start = (((epochDay * 37) % 500) + 500) % 500;
    let found = 0;
    for (let k = 0; k < 500; k++) {
      const individ = base + ((start + k * 211) % 500);
      const i1 = Math.floor(individ / 100);
      const i2 = Math.floor(individ / 10) % 10;
      const i3 = individ % 10;
      const k1 = (11 - ((s1 + 4 * i1 + 5 * i2 + 2 * i3) % 11)) % 11;
      if (k1 === 10) continue;
      const k2 = (11 - ((s2 + 5 * i1 + 4 * i2 + 3 * i3 + 2 * k1) % 11)) % 11;
      if (k2 === 10 || found++ !== slot) continue;
      return `${pad2(day)}${pad2(month)}${pad2(yy)}${String(individ).padStart(3, '0')}${k1}${k2}`;
    }
    throw new RangeError('Birth date has no free individnummer');
  }

  private person(p: number): PartyData {
    const fodselsnummer = this.fodselsnummerOf(p);
    const kjonn = kjonnOf(fodselsnummer);
    const rng = new Rng(this.seed, KIND_PERSON, p);
    const fornavn = rng.pick(kjonn === 'M' ? FORNAVN_MANN : FORNAVN_KVINNE);
    const etternavn = rng.pick(ETTERNAVN);
    const mellomnavn = rng.chance(0.15) ? rng.pick(ETTERNAVN) : undefined;
    const { adresse, place } = address(rng);
    const id = this.personId(p);
    const fodselsdato = fodselsdatoOf(fodselsnummer);
    return {
      id,
      kundeId: this.kundeIdOf(id),
      person:
        mellomnavn && mellomnavn !== etternavn
          ? { fornavn, mellomnavn, etternavn, fodselsdato, fodselsnummer, kjonn }
          : { fornavn, etternavn, fodselsdato, fodselsnummer, kjonn },
      adresse,
      adressestatus: place.kommunenummer === SVALBARD_KOMMUNENUMMER ? 'SVALBARD' : 'VANLIG_BOSATT',
      erUnntattOffentlighet: rng.chance(0.004),
    };
  }

  private organisasjonsnummer(unitNumber: number): string {
    for (let t = 0; t < ORGNR_CANDIDATES; t++) {
      const base8 = String(ORGNR_BASE + this.orgnrPermutation.forward(unitNumber * ORGNR_CANDIDATES + t));
      const check = organisasjonsnummerCheckDigit(base8);
      if (check !== undefined) return base8 + check;
    }
    throw new RangeError('No valid organisasjonsnummer candidate');
  }

  /** Organisation name without its form suffix; unique per `o` within the tables' range. */
  private orgBaseName(o: number): string {
    const combos = ORG_FORLEDD.length * ORG_BRANSJE.length;
    const combo = (o + (this.seed % combos)) % combos;
    const base = `${ORG_FORLEDD[combo % ORG_FORLEDD.length]} ${ORG_BRANSJE[Math.floor(combo / ORG_FORLEDD.length)]}`;
    const round = Math.floor(o / combos);
    if (round === 0) return base;
    const place = (PLACES[(round - 1) % PLACES.length] as Place).poststed;
    const lap = Math.floor((round - 1) / PLACES.length);
    return lap === 0 ? `${base} ${place}` : `${base} ${place} ${lap + 1}`;
  }

  private enhet(o: number, unit: number): PartyData {
    const id = this.mainUnitId(o) + unit;
    const rng = new Rng(this.seed, KIND_ENHET, o * UNITS_PER_ORG + unit);
    const { adresse } = address(rng);
    const form = new Rng(this.seed, KIND_ORG_FORM, o).weighted(ORG_FORMER, ORG_FORM_WEIGHT).suffix;
    const mainName = `${this.orgBaseName(o)} ${form}`;
    return {
      id,
      kundeId: this.kundeIdOf(id),
      enhet:
        unit === 0
          ? { organisasjonsnavn: mainName, organisasjonsnummer: this.organisasjonsnummer(o * UNITS_PER_ORG) }
          : {
              organisasjonsnavn: `${mainName} AVD ${adresse.poststed}`,
              organisasjonsnummer: this.organisasjonsnummer(o * UNITS_PER_ORG + unit),
              hovedenhet: this.mainUnitId(o),
            },
      adresse,
      erUnntattOffentlighet: false,
    };
  }
}
