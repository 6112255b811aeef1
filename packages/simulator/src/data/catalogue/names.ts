/**
 * Name parts for synthetic persons and organisations. Combined at random they give names that
 * look Norwegian; paired with synthetic fødselsnummer they never identify a real person.
 */

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

export const FORNAVN_MANN = words(`
JAN PER BJØRN OLE LARS KJELL KNUT ARNE SVEIN THOMAS HANS GEIR TOR MORTEN TERJE ODD ERIK
RUNE MARTIN ANDREAS JON TROND HARALD ROLF STEIN NILS EINAR JONAS MAGNUS KRISTIAN DANIEL
ALEKSANDER MARIUS FREDRIK HENRIK SINDRE SIMEN EIRIK JØRGEN SANDER EMIL TOBIAS MATHIAS
ESPEN GUNNAR HELGE JARLE ØYVIND ASBJØRN VIDAR LEIF SIGURD AKSEL OLAV ISAK FILIP`);

export const FORNAVN_KVINNE = words(`
ANNE INGER KARI MARIT INGRID LIV EVA BERIT ASTRID BJØRG HILDE ANNA SOLVEIG MARIANNE
RANDI IDA NINA ELISABETH KRISTIN BENTE HEIDI SILJE HANNE GRO TONE LINE CAMILLA MARIA
NORA EMMA SARA THEA INGEBORG TURID SIGRID RAGNHILD GUNN WENCHE MONICA KJERSTI TORIL
SYNNØVE ÅSE JORUNN HEGE TRINE LENE MAREN SOFIE ELLA FRIDA`);

export const ETTERNAVN = words(`
HANSEN JOHANSEN OLSEN LARSEN ANDERSEN PEDERSEN NILSEN KRISTIANSEN JENSEN KARLSEN JOHNSEN
PETTERSEN ERIKSEN BERG HAUGEN HAGEN JOHANNESSEN ANDREASSEN JACOBSEN DAHL JØRGENSEN HALVORSEN
HENRIKSEN LUND SØRENSEN JAKOBSEN MOEN GUNDERSEN IVERSEN STRAND SOLBERG SVENDSEN ERIKSTAD
KNUTSEN MARTINSEN PAULSEN BAKKEN KRISTENSEN MATHISEN LIE AMUNDSEN NGUYEN RASMUSSEN BERGE
LUNDE MOE NYGÅRD BERGER KROKEN SOLHEIM HOLM FJELD SANDVIK RUUD HOLMEN AASEN TVEIT VIK
HAUGLAND MYHRE NÆSS ØDEGÅRD BRATTLI`);

/** First words of organisation names. */
export const ORG_FORLEDD = words(`
NORDLYS FJORD KYST FJELL VEST AUSTMANN SØRLANDET MIDT HAVBRYN ELVEBAKKEN STORMYR BRATTÅS
SKOGLI LYNGHEIM SOLVANG GRANLI TINDEN BØLGEN ISBRE MOLO LÅVEN KNAUSEN SJØGLIMT HEIMLI
VARDEN FOSSEN BREIDABLIKK LINDHEIM ODDEN NESET`);

/** Trade words for organisation names. */
export const ORG_BRANSJE = words(`
BYGG TRANSPORT RØRLEGGER ELEKTRO MASKIN EIENDOM REGNSKAP HANDEL SERVICE MONTASJE ANLEGG
TRELAST MALERI SNEKKERI TAXI BILSERVICE BAKERI KONSULT DATA LOGISTIKK ENTREPRENØR VVS
GRAVING HAGE RENHOLD`);

/** Organisation form suffixes with weights. */
export const ORG_FORMER: readonly { suffix: string; weight: number }[] = [
  { suffix: 'AS', weight: 88 },
  { suffix: 'ANS', weight: 6 },
  { suffix: 'SA', weight: 3 },
  { suffix: 'DA', weight: 3 },
];

/** Næringskoder (SN2007, as BRREG uses them) for organisation-owned vehicles. */
export const NERINGSKODER: readonly { kode: string; beskrivelse: string }[] = [
  { kode: '41.200', beskrivelse: 'Oppføring av bygninger' },
  { kode: '43.220', beskrivelse: 'VVS-arbeid' },
  { kode: '43.210', beskrivelse: 'Elektrisk installasjonsarbeid' },
  { kode: '49.410', beskrivelse: 'Godstransport på vei' },
  { kode: '49.320', beskrivelse: 'Drosjebiltransport' },
  { kode: '68.209', beskrivelse: 'Utleie av egen eller leid fast eiendom ellers' },
  { kode: '69.201', beskrivelse: 'Regnskap og bokføring' },
  { kode: '47.190', beskrivelse: 'Butikkhandel med bredt vareutvalg ellers' },
  { kode: '62.010', beskrivelse: 'Programmeringstjenester' },
  { kode: '81.210', beskrivelse: 'Rengjøring av bygninger' },
];

/** Words for personal plates (2–7 characters together with any digits). */
export const PERSONLIG_ORD = words(`
ELBIL TESLA HYTTA FJELL NORGE VIKING MAMMA PAPPA BESTE LYN TORDEN KJAPP FART OLA KARI
BÅTEN FISK LAKS ØRN ULV BJØRN ELG REV STORM SOL MÅNE STJERNE KONGE FRIHET RALLY
TURBO DIESEL HYBRID ROMSDAL HALLING TRØNDER NORDLYS ISBJØRN`);
