/**
 * Places used for synthetic addresses. Postnummer, poststed and kommunenummer follow the 2024
 * municipal structure closely enough to look right; they are not meant as reference data.
 */

export interface Place {
  postnummer: string;
  poststed: string;
  kommunenummer: string;
  kommunenavn: string;
  weight: number;
}

// postnummer|poststed|kommunenummer|kommunenavn|weight
const PLACE_TABLE = `
0150|OSLO|0301|OSLO|40
0561|OSLO|0301|OSLO|40
0603|OSLO|0301|OSLO|30
0661|OSLO|0301|OSLO|30
0870|OSLO|0301|OSLO|25
5003|BERGEN|4601|BERGEN|30
5089|BERGEN|4601|BERGEN|25
7010|TRONDHEIM|5001|TRONDHEIM|25
7030|TRONDHEIM|5001|TRONDHEIM|20
4005|STAVANGER|1103|STAVANGER|30
4610|KRISTIANSAND S|4204|KRISTIANSAND|25
3015|DRAMMEN|3301|DRAMMEN|20
1606|FREDRIKSTAD|3107|FREDRIKSTAD|18
4306|SANDNES|1108|SANDNES|17
9008|TROMSØ|5501|TROMSØ|17
1711|SARPSBORG|3105|SARPSBORG|12
3724|SKIEN|4003|SKIEN|12
8006|BODØ|1804|BODØ|12
6002|ÅLESUND|1508|ÅLESUND|12
3210|SANDEFJORD|3907|SANDEFJORD|11
3256|LARVIK|3909|LARVIK|10
3126|TØNSBERG|3905|TØNSBERG|11
2317|HAMAR|3403|HAMAR|7
2609|LILLEHAMMER|3405|LILLEHAMMER|6
2815|GJØVIK|3407|GJØVIK|6
4836|ARENDAL|4203|ARENDAL|9
5525|HAUGESUND|1106|HAUGESUND|8
6413|MOLDE|1506|MOLDE|6
1337|SANDVIKA|3201|BÆRUM|25
1384|ASKER|3203|ASKER|20
2000|LILLESTRØM|3205|LILLESTRØM|18
1530|MOSS|3103|MOSS|10
1771|HALDEN|3101|HALDEN|7
9405|HARSTAD|5503|HARSTAD|5
9510|ALTA|5603|ALTA|4
2212|KONGSVINGER|3401|KONGSVINGER|4
3611|KONGSBERG|3303|KONGSBERG|5
6800|FØRDE|4647|SUNNFJORD|4
8622|MO I RANA|1833|RANA|4
7600|LEVANGER|5037|LEVANGER|4
9170|LONGYEARBYEN|2100|SVALBARD|1
`;

export const PLACES: readonly Place[] = PLACE_TABLE.trim()
  .split('\n')
  .map((line) => {
    const [postnummer, poststed, kommunenummer, kommunenavn, weight] = line.split('|') as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { postnummer, poststed, kommunenummer, kommunenavn, weight: Number(weight) };
  });

export const PLACES_TOTAL_WEIGHT = PLACES.reduce((sum, place) => sum + place.weight, 0);

export const SVALBARD_KOMMUNENUMMER = '2100';

/** Fylke (2024) by the first two digits of the kommunenummer. */
const FYLKER: Readonly<Record<string, string>> = {
  '03': 'Oslo',
  '11': 'Rogaland',
  '15': 'Møre og Romsdal',
  '18': 'Nordland',
  '21': 'Svalbard',
  '31': 'Østfold',
  '32': 'Akershus',
  '33': 'Buskerud',
  '34': 'Innlandet',
  '39': 'Vestfold',
  '40': 'Telemark',
  '42': 'Agder',
  '46': 'Vestland',
  '50': 'Trøndelag',
  '55': 'Troms',
  '56': 'Finnmark',
};

/** The fylke name of a kommunenummer, or undefined when unknown. */
export function fylkeOf(kommunenummer: string): string | undefined {
  return FYLKER[kommunenummer.slice(0, 2)];
}

export const STREETS: readonly string[] = (
  'STORGATA|KIRKEGATA|SKOLEVEIEN|PARKVEIEN|BJØRKEVEIEN|GRANVEIEN|FURUVEIEN|ENGVEIEN|BAKKEVEIEN|' +
  'SOLVEIEN|STASJONSVEIEN|HAGEVEIEN|NORDRE GATE|SØNDRE GATE|DRONNINGENS GATE|KONGENS GATE|FJORDVEIEN|' +
  'SKOGVEIEN|LIAVEIEN|BRUGATA|TORGGATA|HAVNEGATA|MØLLEVEIEN|RINGVEIEN|ÅSVEIEN|BEKKEVEIEN|LINDEVEIEN|' +
  'ROSEVEIEN|ELVEGATA|TESTGATA'
).split('|');
