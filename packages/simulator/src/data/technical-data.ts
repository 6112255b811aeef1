/**
 * Builds `godkjenning` (docs/contract.md#s5.5) for generated vehicles. The technical data depends only on
 * model and colour, so it is built once per combination and shared between vehicles; only the
 * approval ids and dates are per vehicle. Sharing is safe because responses are serialised and
 * never mutated.
 */
import { FARGER, type Farge, type ModelSpec } from './catalogue/models.js';
import type { JsonObject } from './kjoretoy-types.js';
import { formatOsloDate, formatOsloDateTime } from './time.js';

/** A KodeverkType as JSON, keys in SVV's order, absent parts omitted (docs/contract.md#s5.8). */
function kv(kodeVerdi: string, kodeNavn?: string, kodeBeskrivelse?: string, kodeTypeId?: string): JsonObject {
  const code: JsonObject = {};
  if (kodeBeskrivelse !== undefined) code.kodeBeskrivelse = kodeBeskrivelse;
  if (kodeNavn !== undefined) code.kodeNavn = kodeNavn;
  if (kodeTypeId !== undefined) code.kodeTypeId = kodeTypeId;
  code.kodeVerdi = kodeVerdi;
  code.tidligereKodeVerdi = [];
  return code;
}

const TEKNISK_KODE: Record<'M1' | 'N1', JsonObject> = {
  M1: kv('M1', 'Personbil', 'Bil for persontransport med høyst 8 sitteplasser i tillegg til førersetet (Personbil)'),
  N1: kv('N1', 'Varebil', 'Bil for godstransport med tillatt totalvekt ikke over 3500 kg (Varebil)'),
};

const AVGIFTSKODE: Record<'M1' | 'N1', JsonObject> = {
  M1: kv('101', 'Personbil', 'Personbil, unntatt ambulanse'),
  N1: kv('301', 'Varebil klasse 2', 'Varebil klasse 2'),
};

const KAROSSERI: Record<string, string> = {
  AA: 'Sedan (AA)',
  AB: 'Kombikupé (AB)',
  AC: 'Stasjonsvogn (AC)',
  AF: 'Flerbruksbil (AF)',
  BB: 'Varebil (BB)',
};

const DRIVSTOFF = {
  BENSIN: kv('1', 'Bensin', 'Bensin', 'TEKNISKEDATA.DRIVSTOFFTYPE'),
  DIESEL: kv('2', 'Diesel', 'Diesel', 'TEKNISKEDATA.DRIVSTOFFTYPE'),
  EL: kv('5', 'Elektrisk', 'Elektrisk', 'TEKNISKEDATA.DRIVSTOFFTYPE'),
};

const HYBRIDKATEGORI = {
  INGEN: kv('INGEN', 'Ingen', 'Ingen eller ikke relevant', 'TEKNISKEDATA.HYBRIDKATEGORI'),
  LADBAR: kv('LADBAR', 'Ladbar hybrid', 'Ladbar hybrid', 'TEKNISKEDATA.HYBRIDKATEGORI'),
  IKKE_LADBAR: kv('IKKE_LADBAR', 'Ikke ladbar hybrid', 'Ikke ladbar hybrid', 'TEKNISKEDATA.HYBRIDKATEGORI'),
};

const WLTP = kv('WLTP', 'MALEMETODETYPE_WLTP', 'WLTP', 'MALEMETODETYPE');
const COC = kv('COC', 'COC');

function motorer(model: ModelSpec): JsonObject[] {
  const electric: JsonObject = {
    arbeidsprinsipp: kv('ELEKTRISK', 'Elektrisk', 'Elektrisk', 'TEKNISKEDATA.ARBEIDSPRINSIPP'),
    drivstoff: [
      {
        drivstoffKode: DRIVSTOFF.EL,
        maksEffektPrTime: Math.round(model.effektKw * 0.3),
        maksNettoEffekt: model.drivstoff === 'EL' ? model.effektKw : Math.round(model.effektKw * 0.4),
      },
    ],
    motorKode: `E${model.typebetegnelse.replace(/[^A-Z0-9]/g, '').slice(0, 3)}`,
  };
  if (model.drivstoff === 'EL') return [electric];
  const diesel = model.drivstoff === 'DIESEL';
  const combustion: JsonObject = {
    antallSylindre: model.sylindre,
    arbeidsprinsipp: diesel
      ? kv('DIESEL', 'Diesel', 'Diesel', 'TEKNISKEDATA.ARBEIDSPRINSIPP')
      : kv('OTTO', 'Otto', 'Otto', 'TEKNISKEDATA.ARBEIDSPRINSIPP'),
    drivstoff: [
      {
        drivstoffKode: diesel ? DRIVSTOFF.DIESEL : DRIVSTOFF.BENSIN,
        maksNettoEffekt: model.drivstoff === 'BENSIN' || diesel ? model.effektKw : Math.round(model.effektKw * 0.6),
      },
    ],
    motorKode: `${model.typebetegnelse.replace(/[^A-Z0-9]/g, '').slice(0, 2)}${model.slagvolum}`,
    slagvolum: model.slagvolum,
  };
  return model.drivstoff === 'HYBRID' || model.drivstoff === 'LADBAR' ? [combustion, electric] : [combustion];
}

function miljodata(model: ModelSpec): JsonObject {
  if (model.drivstoff === 'EL') {
    return {
      miljoOgdrivstoffGruppe: [
        {
          drivstoffKodeMiljodata: DRIVSTOFF.EL,
          forbrukOgUtslipp: [{ malemetode: WLTP, wltpKjoretoyspesifikk: { rekkeviddeKmBlandetkjoring: model.miljo } }],
        },
      ],
    };
  }
  const diesel = model.drivstoff === 'DIESEL';
  const groups: JsonObject[] = [
    {
      drivstoffKodeMiljodata: diesel ? DRIVSTOFF.DIESEL : DRIVSTOFF.BENSIN,
      forbrukOgUtslipp: [
        {
          malemetode: WLTP,
          wltpKjoretoyspesifikk: {
            co2Kombinert: model.miljo,
            forbrukKombinert: Math.round((model.miljo / (diesel ? 26.5 : 23.3)) * 10) / 10,
          },
        },
      ],
    },
  ];
  if (model.drivstoff === 'LADBAR') {
    groups.push({
      drivstoffKodeMiljodata: DRIVSTOFF.EL,
      forbrukOgUtslipp: [{ malemetode: WLTP, wltpKjoretoyspesifikk: { rekkeviddeKmBlandetkjoring: 60 } }],
    });
  }
  return { miljoOgdrivstoffGruppe: groups };
}

function tekniskeData(model: ModelSpec, farge: Farge): JsonObject {
  const automat = model.drivstoff !== 'BENSIN' && model.drivstoff !== 'DIESEL';
  const utenBrems = model.tilhengerMedBrems > 0 ? Math.min(750, Math.round(model.egenvekt / 2 / 10) * 10) : 0;
  return {
    akslinger: { antallAksler: 2 },
    bremser: { abs: true, tilhengerBremseforbindelse: [] },
    dimensjoner: { bredde: model.bredde, hoyde: model.hoyde, lengde: model.lengde },
    generelt: {
      fabrikant: [{ fabrikantNavn: model.fabrikant }],
      handelsbetegnelse: [model.handelsbetegnelse],
      merke: [{ merke: model.merke, merkeKode: model.merkeKode }],
      tekniskKode: TEKNISK_KODE[model.tekniskKode],
      typebetegnelse: model.typebetegnelse,
    },
    karosseriOgLasteplan: {
      antallDorer: [model.dorer],
      dorUtforming: [],
      karosseritype: kv(
        model.karosseri,
        KAROSSERI[model.karosseri] ?? model.karosseri,
        undefined,
        'TEKNISKEDATA.KAROSSERITYPE',
      ),
      rFarge: [kv(farge.kodeVerdi, farge.kodeNavn, farge.kodeBeskrivelse, 'TEKNISKEDATA.KAROSSERIFARGE')],
    },
    miljodata: miljodata(model),
    motorOgDrivverk: {
      girkassetype: automat
        ? kv('A', 'Automat', 'Automat', 'TEKNISKEDATA.GIRKASSETYPE')
        : kv('M', 'Manuell', 'Manuell', 'TEKNISKEDATA.GIRKASSETYPE'),
      girutvekslingPrGir: [],
      hybridElektriskKjoretoy: model.drivstoff === 'HYBRID' || model.drivstoff === 'LADBAR',
      hybridKategori:
        model.drivstoff === 'LADBAR'
          ? HYBRIDKATEGORI.LADBAR
          : model.drivstoff === 'HYBRID'
            ? HYBRIDKATEGORI.IKKE_LADBAR
            : HYBRIDKATEGORI.INGEN,
      maksimumHastighet: [model.maksHastighet],
      maksimumHastighetMalt: [],
      motor: motorer(model),
      utelukkendeElektriskDrift: model.drivstoff === 'EL',
    },
    ovrigeTekniskeData: [],
    persontall: { sitteplasserForan: model.tekniskKode === 'N1' ? 3 : 2, sitteplasserTotalt: model.seter },
    tilhengerkopling: { kopling: [] },
    vekter: {
      egenvekt: model.egenvekt,
      nyttelast: model.tillattTotalvekt - model.egenvekt - 75,
      tillattTilhengervektMedBrems: model.tilhengerMedBrems,
      tillattTilhengervektUtenBrems: utenBrems,
      tillattTotalvekt: model.tillattTotalvekt,
      tillattVertikalKoplingslast: model.tilhengerMedBrems > 0 ? 75 : 0,
      tillattVogntogvekt: model.tilhengerMedBrems > 0 ? model.tillattTotalvekt + model.tilhengerMedBrems : 0,
      vogntogvektAvhBremsesystem: [],
    },
  };
}

const tekniskeDataCache = new Map<number, JsonObject>();
const klassifiseringCache = new Map<number, JsonObject>();

function cachedTekniskeData(model: ModelSpec, farge: Farge): JsonObject {
  const key = model.id * FARGER.length + FARGER.indexOf(farge);
  let data = tekniskeDataCache.get(key);
  if (!data) {
    data = tekniskeData(model, farge);
    tekniskeDataCache.set(key, data);
  }
  return data;
}

function cachedKlassifisering(model: ModelSpec): JsonObject {
  let data = klassifiseringCache.get(model.id);
  if (!data) {
    data = {
      beskrivelse: model.tekniskKode === 'N1' ? 'Varebil' : 'Personbil',
      kjoretoyAvgiftsKode: AVGIFTSKODE[model.tekniskKode],
      tekniskKode: TEKNISK_KODE[model.tekniskKode],
      iSamsvarMedTypegodkjenning: true,
    };
    klassifiseringCache.set(model.id, data);
  }
  return data;
}

interface GodkjenningInput {
  model: ModelSpec;
  farge: Farge;
  forstegangsregistrert: number;
  godkjenningsId: string;
  fortollingsreferanse: string;
}

/** The `godkjenning` object of a generated vehicle. */
export function buildGodkjenning(input: GodkjenningInput): JsonObject {
  const dato = formatOsloDate(input.forstegangsregistrert);
  return {
    forstegangsGodkjenning: {
      forstegangRegistrertDato: dato,
      fortollingOgMva: { fortollingsreferanse: input.fortollingsreferanse, linje: 1 },
      godkjenningsId: input.godkjenningsId,
      godkjenningsundertype: COC,
      unntak: [],
    },
    kjoretoymerknad: [],
    registreringsbegrensninger: { registreringsbegrensning: [] },
    tekniskGodkjenning: {
      godkjenningsId: input.godkjenningsId,
      godkjenningsundertype: COC,
      gyldigFraDato: dato,
      gyldigFraDatoTid: formatOsloDateTime(input.forstegangsregistrert - 30 * 60_000),
      kjoretoyklassifisering: cachedKlassifisering(input.model),
      krav: [],
      tekniskeData: cachedTekniskeData(input.model, input.farge),
      unntak: [],
    },
    tilleggsgodkjenninger: [],
  };
}
