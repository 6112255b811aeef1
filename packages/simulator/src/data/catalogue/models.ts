/**
 * Vehicle models with approximate real-world specifications. `merkeKode` 4011 (MITSUBISHI),
 * 0065 (TESLA MOTORS) and 4350 (OPEL) come from SVV test data (docs/contract.md#s6); the other make codes
 * are the simulator's own. `vin9` is WMI + VDS + position 9, where `?` marks makes that use the
 * ISO 3779 check character there.
 */

type Drivstoff = 'EL' | 'BENSIN' | 'DIESEL' | 'HYBRID' | 'LADBAR';

export interface ModelSpec {
  id: number;
  merke: string;
  merkeKode: string;
  vin9: string;
  plant: string;
  handelsbetegnelse: string;
  typebetegnelse: string;
  fabrikant: string;
  tekniskKode: 'M1' | 'N1';
  karosseri: string;
  drivstoff: Drivstoff;
  egenvekt: number;
  tillattTotalvekt: number;
  tilhengerMedBrems: number;
  lengde: number;
  bredde: number;
  hoyde: number;
  effektKw: number;
  slagvolum: number;
  sylindre: number;
  seter: number;
  dorer: number;
  maksHastighet: number;
  /** Range in km for EL, CO2 in g/km otherwise. */
  miljo: number;
  yearFrom: number;
  yearTo: number;
  weight: number;
}

// merke|merkeKode|vin9|plant|handelsbetegnelse|typebetegnelse|fabrikant|tekniskKode|karosseri|drivstoff|
// egenvekt|tillattTotalvekt|tilhengerMedBrems|lengde|bredde|hoyde|kW|slagvolum|sylindre|seter|dorer|maksHastighet|miljo|fra|til|vekt
const MODEL_TABLE = `
TESLA MOTORS|0065|XP7YGCEK?|B|Model Y|005|TESLA INC.|M1|AB|EL|1979|2476|1600|4751|1921|1624|220|0|0|5|5|217|533|2021|2025|70
TESLA MOTORS|0065|5YJ3E7EB?|F|Model 3|003|TESLA INC.|M1|AA|EL|1844|2232|1000|4694|1850|1443|208|0|0|5|4|225|491|2019|2025|45
VOLKSWAGEN|5690|WVGZZZE2Z|W|ID.4|E2|VOLKSWAGEN AG|M1|AC|EL|2124|2730|1000|4584|1852|1640|150|0|0|5|5|160|520|2021|2025|45
VOLKSWAGEN|5690|WVWZZZAUZ|W|e-Golf|AU|VOLKSWAGEN AG|M1|AB|EL|1540|2000|0|4270|1799|1482|100|0|0|5|5|150|231|2014|2020|40
NISSAN|4430|SJNFAAZE0|U|Leaf|ZE1|NISSAN MOTOR CO. LTD.|M1|AB|EL|1580|1995|0|4490|1791|1540|110|0|0|5|5|144|270|2011|2022|40
BMW|1240|WBY8P2103|V|i3|1Z|BAYERISCHE MOTOREN WERKE AG|M1|AB|EL|1345|1730|0|4011|1775|1598|125|0|0|4|4|150|285|2014|2022|20
AUDI|0440|WAUZZZGEZ|B|e-tron|GE|AUDI AG|M1|AC|EL|2490|3130|1800|4901|1935|1629|300|0|0|5|5|200|436|2019|2025|20
HYUNDAI|3050|KMHK381G?|U|Kona Electric|OS|HYUNDAI MOTOR COMPANY|M1|AC|EL|1685|2170|0|4180|1800|1570|150|0|0|5|5|167|449|2018|2025|25
KIA|3560|KNACC81G?|7|e-Niro|DE|KIA CORPORATION|M1|AC|EL|1757|2230|750|4375|1805|1560|150|0|0|5|5|167|455|2019|2024|25
SKODA|5220|TMBJC7NY4|M|Enyaq iV|5A|SKODA AUTO A.S.|M1|AC|EL|2104|2700|1200|4649|1879|1616|150|0|0|5|5|160|510|2021|2025|30
POLESTAR|4755|LPSED3KA?|L|Polestar 2|534|POLESTAR PERFORMANCE AB|M1|AB|EL|2048|2500|1500|4606|1859|1479|170|0|0|5|5|160|480|2020|2025|20
MG|4015|LSJW74U9?|Z|MG4|EH32|SAIC MOTOR CORPORATION LIMITED|M1|AB|EL|1685|2155|500|4287|1836|1504|150|0|0|5|5|160|435|2022|2025|15
TOYOTA|5350|JTMAB3FV?|D|bZ4X|XEAM10|TOYOTA MOTOR CORPORATION|M1|AC|EL|1920|2465|750|4690|1860|1650|150|0|0|5|5|160|450|2022|2025|10
VOLVO|5730|YV1XZK9V1|2|XC40 Recharge|X|VOLVO CAR CORPORATION|M1|AC|EL|2188|2650|1500|4425|1863|1651|300|0|0|5|5|180|418|2020|2025|20
TOYOTA|5350|JTMW43FV0|D|RAV4 Hybrid|XA50|TOYOTA MOTOR CORPORATION|M1|AC|HYBRID|1650|2135|1650|4600|1855|1685|160|2487|4|5|5|180|105|2006|2025|40
TOYOTA|5350|SB1ZS3JE5|0|Corolla|E21|TOYOTA MOTOR CORPORATION|M1|AB|HYBRID|1375|1815|750|4370|1790|1435|90|1798|4|5|5|180|101|2005|2025|35
TOYOTA|5350|JTEBR3FJ0|K|Land Cruiser|J150|TOYOTA MOTOR CORPORATION|M1|AC|DIESEL|2270|2990|3000|4840|1885|1845|130|2755|4|7|5|175|230|2005|2023|15
VOLKSWAGEN|5690|WVWZZZ1KZ|W|Golf|1K|VOLKSWAGEN AG|M1|AB|BENSIN|1270|1810|1300|4199|1786|1479|90|1390|4|5|5|200|149|2004|2021|40
VOLKSWAGEN|5690|WVWZZZ3CZ|E|Passat|3C|VOLKSWAGEN AG|M1|AC|DIESEL|1550|2150|1800|4774|1820|1517|110|1968|4|5|5|215|125|2005|2022|35
VOLKSWAGEN|5690|WV1ZZZ7HZ|H|Transporter|7H|VOLKSWAGEN AG|N1|BB|DIESEL|1950|3000|2500|5290|1904|1990|110|1968|4|3|4|172|200|2004|2025|20
VOLVO|5730|YV1BW8450|1|V70|BW|VOLVO CAR CORPORATION|M1|AC|DIESEL|1690|2260|1800|4823|1861|1547|120|2400|5|5|5|205|159|2004|2016|30
VOLVO|5730|YV1UZA8V1|2|XC60|DZ|VOLVO CAR CORPORATION|M1|AC|LADBAR|2050|2600|2100|4708|1902|1658|233|1969|4|5|5|180|48|2018|2025|25
FORD|2315|WF0XXXGCK|J|Focus|DYB|FORD-WERKE GMBH|M1|AB|BENSIN|1280|1825|1200|4378|1825|1454|92|998|3|5|5|193|119|2005|2022|25
FORD|2315|WF0YXXTTG|K|Transit Custom|TTF|FORD-WERKE GMBH|N1|BB|DIESEL|2000|3200|2500|4972|1986|2000|96|1995|4|3|4|160|190|2013|2025|15
FORD|2315|WF0AXXWPM|L|Kuga|DM2|FORD-WERKE GMBH|M1|AC|LADBAR|1750|2350|1200|4614|1883|1666|165|2488|4|5|5|200|26|2013|2025|15
SKODA|5220|TMBJJ7NE4|P|Octavia|NE|SKODA AUTO A.S.|M1|AC|DIESEL|1380|1950|1600|4689|1814|1465|110|1968|4|5|5|220|109|2005|2025|35
AUDI|0440|WAUZZZ8KZ|A|A4|8K|AUDI AG|M1|AC|DIESEL|1585|2140|1800|4725|1826|1436|130|1968|4|5|5|225|120|2005|2022|20
BMW|1240|WBA8E1106|K|3-serie|3L|BAYERISCHE MOTOREN WERKE AG|M1|AA|BENSIN|1475|2030|1600|4633|1811|1429|135|1998|4|5|4|235|132|2005|2025|20
MERCEDES-BENZ|4070|WDD2050041|R|C-klasse|205|DAIMLER AG|M1|AA|DIESEL|1555|2120|1800|4686|1810|1442|143|2143|4|5|4|240|117|2005|2021|20
MERCEDES-BENZ|4070|WDB906633|S|Sprinter|906|DAIMLER AG|N1|BB|DIESEL|2150|3500|2800|5910|1993|2630|120|2143|4|3|4|160|220|2006|2025|10
MITSUBISHI|4011|JMBXTGF2W|Z|Outlander PHEV|GG2W|MITSUBISHI MOTORS CORPORATION|M1|AC|LADBAR|1860|2370|1500|4695|1800|1703|89|1998|4|5|5|170|41|2014|2025|30
OPEL|4350|W0L0AHL48|6|Astra|A-H|OPEL AUTOMOBILE GMBH|M1|AB|BENSIN|1250|1780|1300|4370|1809|1485|81|1364|4|5|5|195|135|2005|2022|15
PEUGEOT|4660|VF3LCYHZP|S|308|4A|AUTOMOBILES PEUGEOT|M1|AB|DIESEL|1200|1770|1300|4253|1804|1457|96|1560|4|5|5|195|100|2008|2025|15
NISSAN|4430|SJNFAAJ11|U|Qashqai|J11|NISSAN MOTOR CO. LTD.|M1|AC|BENSIN|1320|1880|1500|4377|1806|1595|103|1197|4|5|5|185|129|2007|2025|20
SUBARU|5300|JF1BS9KC0|G|Outback|BS|SUBARU CORPORATION|M1|AC|BENSIN|1600|2080|1800|4815|1840|1675|129|2498|4|5|5|198|193|2005|2025|10
HONDA|2935|SHSRE5850|U|CR-V|RE|HONDA MOTOR CO. LTD.|M1|AC|HYBRID|1650|2150|1500|4600|1855|1689|135|1993|4|5|5|180|126|2005|2025|8
`;

const NUMERIC_FIELDS = [
  'egenvekt',
  'tillattTotalvekt',
  'tilhengerMedBrems',
  'lengde',
  'bredde',
  'hoyde',
  'effektKw',
  'slagvolum',
  'sylindre',
  'seter',
  'dorer',
  'maksHastighet',
  'miljo',
  'yearFrom',
  'yearTo',
  'weight',
] as const;

function parseModel(line: string, id: number): ModelSpec {
  const cells = line.split('|');
  const [
    merke,
    merkeKode,
    vin9,
    plant,
    handelsbetegnelse,
    typebetegnelse,
    fabrikant,
    tekniskKode,
    karosseri,
    drivstoff,
  ] = cells as string[];
  const numbers = Object.fromEntries(NUMERIC_FIELDS.map((field, i) => [field, Number(cells[10 + i])])) as Record<
    (typeof NUMERIC_FIELDS)[number],
    number
  >;
  return {
    id,
    merke: merke as string,
    merkeKode: merkeKode as string,
    vin9: (vin9 as string).slice(0, 9),
    plant: plant as string,
    handelsbetegnelse: handelsbetegnelse as string,
    typebetegnelse: typebetegnelse as string,
    fabrikant: fabrikant as string,
    tekniskKode: tekniskKode as 'M1' | 'N1',
    karosseri: karosseri as string,
    drivstoff: drivstoff as Drivstoff,
    ...numbers,
  };
}

export const MODELS: readonly ModelSpec[] = MODEL_TABLE.trim()
  .split('\n')
  .map((line, id) => parseModel(line, id));

export const ELECTRIC_MODELS = MODELS.filter((model) => model.drivstoff === 'EL');
export const COMBUSTION_MODELS = MODELS.filter((model) => model.drivstoff !== 'EL');
export const ELECTRIC_WEIGHT = ELECTRIC_MODELS.reduce((sum, model) => sum + model.weight, 0);
export const COMBUSTION_WEIGHT = COMBUSTION_MODELS.reduce((sum, model) => sum + model.weight, 0);

export interface Farge {
  kodeVerdi: string;
  kodeNavn: string;
  kodeBeskrivelse?: string;
  weight: number;
}

/** Body colours. `06` Svart is SVV's code from the test sample; the other codes are the simulator's. */
export const FARGER: readonly Farge[] = [
  { kodeVerdi: '01', kodeNavn: 'Hvit', weight: 24 },
  { kodeVerdi: '02', kodeNavn: 'Grå', weight: 22 },
  { kodeVerdi: '03', kodeNavn: 'Sølv', weight: 10 },
  {
    kodeVerdi: '06',
    kodeNavn: 'Svart',
    kodeBeskrivelse: 'herunder: Blåsvart, grafitt mørk, gråsort, koksgrå mørk, koksgrå mørk metallic',
    weight: 22,
  },
  { kodeVerdi: '07', kodeNavn: 'Blå', weight: 10 },
  { kodeVerdi: '08', kodeNavn: 'Rød', weight: 7 },
  { kodeVerdi: '09', kodeNavn: 'Grønn', weight: 3 },
  { kodeVerdi: '10', kodeNavn: 'Brun', weight: 2 },
];
export const FARGER_WEIGHT = FARGER.reduce((sum, farge) => sum + farge.weight, 0);
