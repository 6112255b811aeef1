/**
 * Parties that exist whatever the seed: the persons and organisations of docs/contract.md#s6, the owners
 * of the story vehicles (STORY_VEHICLES.md) and the leasing companies generated vehicles use.
 *
 * Story persons get synthetic fødselsnummer (month + 80) with an individnummer from 900 up, a
 * range the generator never uses for people born in the 1900s, so they cannot collide with a
 * generated person. Story organisations use 99xxxxxxx numbers, outside the generated range.
 */
import { organisasjonsnummerCheckDigit, syntheticFodselsnummer } from '../identifiers.js';
import type { PartyAddress, PartyData } from '../records.js';

function storyFnr(fodselsdato: string, firstIndividnummer = 900): string {
  const [year, month, day] = fodselsdato.split('-').map(Number) as [number, number, number];
  for (let individ = firstIndividnummer; individ < firstIndividnummer + 100; individ++) {
    const fnr = syntheticFodselsnummer(year, month, day, individ);
    if (fnr) return fnr;
  }
  throw new Error('No valid synthetic fødselsnummer in range');
}

function storyOrgnr(base8: number): string {
  for (let candidate = base8; ; candidate++) {
    const check = organisasjonsnummerCheckDigit(String(candidate));
    if (check !== undefined) return `${candidate}${check}`;
  }
}

function address(
  adresselinje1: string,
  postnummer: string,
  poststed: string,
  kommunenummer: string,
  kommunenavn: string,
): PartyAddress {
  return { adresselinje1, postnummer, poststed, kommunenummer, kommunenavn };
}

const OSLO_ETTERSTAD = address('ETTERSTAD', '0603', 'OSLO', '0301', 'OSLO');
const OSLO_TESTGATA = address('TESTGATA 11', '0603', 'OSLO', '0301', 'OSLO');

type PersonInput = [fornavn: string, etternavn: string, fodselsdato: string, adresse: PartyAddress];

function person(
  id: number,
  kundeId: string,
  [fornavn, etternavn, fodselsdato, adresse]: PersonInput,
  extra: { fodselsnummer?: string; adressestatus?: 'VANLIG_BOSATT' | 'SVALBARD'; erUnntattOffentlighet?: boolean } = {},
): PartyData {
  const fodselsnummer = extra.fodselsnummer ?? storyFnr(fodselsdato, fodselsdato < '1940' ? 0 : 900);
  const kjonn = Number(fodselsnummer.charAt(8)) % 2 === 1 ? 'M' : 'K';
  return {
    id,
    kundeId,
    person: { fornavn, etternavn, fodselsdato, fodselsnummer, kjonn },
    adresse,
    adressestatus: extra.adressestatus ?? 'VANLIG_BOSATT',
    erUnntattOffentlighet: extra.erUnntattOffentlighet ?? false,
  };
}

function enhet(
  id: number,
  kundeId: string,
  organisasjonsnavn: string,
  organisasjonsnummer: string,
  adresse: PartyAddress,
  hovedenhet?: number,
): PartyData {
  return {
    id,
    kundeId,
    enhet:
      hovedenhet === undefined
        ? { organisasjonsnavn, organisasjonsnummer }
        : { organisasjonsnavn, organisasjonsnummer, hovedenhet },
    adresse,
    erUnntattOffentlighet: false,
  };
}

/** Ids of the fixed parties, used by the story definitions. */
export const FP = {
  HELGE_KROKEN: 0,
  JARLE_BERGER: 1,
  LEDENDE_FIRKANT: 2,
  NORSK_SCANIA: 3,
  NORSK_SCANIA_SKOYEN: 4,
  SIGRID_TESTRUD: 5,
  MAGNUS_PROVESEN: 6,
  ASTRID_SKJERMVIK: 7,
  TOR_HEMMELIGSEN: 8,
  KNUT_VRAKSTAD: 9,
  EVA_EKSPORTDAL: 10,
  KARI_ELBILSEN: 11,
  OLE_FLYTTSTAD: 12,
  FJELLTOPP_BYGG: 13,
  FJELLTOPP_BYGG_BERGEN: 14,
  HILDE_AVREGSTAD: 15,
  PER_DUPLIKATSEN: 16,
  LINE_NYIMPORT: 17,
  INGRID_FORDAL: 18,
  PER_MINBILSEN: 19,
  UNNI_UTILGJENGELIG: 20,
  FJORDFINANS_LEASING: 21,
} as const;

/** Leasing companies owned by the fixed table; generated leased vehicles pick among them. */
export const LEASING_COMPANIES: readonly number[] = [21, 22, 23, 24, 25];

const BERGEN = address('BRYGGEN 7', '5003', 'BERGEN', '4601', 'BERGEN');
const SKOYEN = address('KARENSLYST ALLÉ 12', '0278', 'OSLO', '0301', 'OSLO');

export const FIXED_PARTIES: readonly PartyData[] = [
  person(0, '124000639', ['HELGE', 'KROKEN', '1977-03-01', OSLO_ETTERSTAD], { adressestatus: 'SVALBARD' }),
  person(1, '124000807', ['JARLE', 'BERGER', '1936-09-11', OSLO_TESTGATA]),
  person(
    2,
    '124001002',
    ['LEDENDE', 'FIRKANT', '1987-08-23', address('FIRKANTVEIEN 4', '0661', 'OSLO', '0301', 'OSLO')],
    {
      fodselsnummer: '63888700414',
    },
  ),
  enhet(3, '124001003', 'NORSK SCANIA AS', '879263662', SKOYEN),
  enhet(4, '124001004', 'NORSK SCANIA AS HOVEDKONTOR SKØYEN', '973114468', SKOYEN, 3),
  person(5, '124001005', ['SIGRID', 'TESTRUD', '1968-05-14', address('STORGATA 3', '2317', 'HAMAR', '3403', 'HAMAR')]),
  person(6, '124001006', [
    'MAGNUS',
    'PRØVESEN',
    '1990-11-02',
    address('ELVEGATA 21', '7010', 'TRONDHEIM', '5001', 'TRONDHEIM'),
  ]),
  person(
    7,
    '124001007',
    ['ASTRID', 'SKJERMVIK', '1975-02-27', address('LIAVEIEN 9', '5089', 'BERGEN', '4601', 'BERGEN')],
    {
      erUnntattOffentlighet: true,
    },
  ),
  person(8, '124001008', [
    'TOR',
    'HEMMELIGSEN',
    '1961-07-19',
    address('SKOGVEIEN 40', '1384', 'ASKER', '3203', 'ASKER'),
  ]),
  person(9, '124001009', ['KNUT', 'VRAKSTAD', '1955-12-03', address('MØLLEVEIEN 2', '3724', 'SKIEN', '4003', 'SKIEN')]),
  person(10, '124001010', [
    'EVA',
    'EKSPORTDAL',
    '1983-04-09',
    address('HAVNEGATA 15', '4005', 'STAVANGER', '1103', 'STAVANGER'),
  ]),
  person(11, '124001011', [
    'KARI',
    'ELBILSEN',
    '1979-09-30',
    address('SOLVEIEN 6', '1337', 'SANDVIKA', '3201', 'BÆRUM'),
  ]),
  person(12, '124001012', [
    'OLE',
    'FLYTTSTAD',
    '1971-01-21',
    address('FJORDVEIEN 88', '6002', 'ÅLESUND', '1508', 'ÅLESUND'),
  ]),
  enhet(
    13,
    '124001013',
    'FJELLTOPP BYGG AS',
    storyOrgnr(99100000),
    address('INDUSTRIVEIEN 5', '2000', 'LILLESTRØM', '3205', 'LILLESTRØM'),
  ),
  enhet(14, '124001014', 'FJELLTOPP BYGG AS AVD BERGEN', storyOrgnr(99100100), BERGEN, 13),
  person(15, '124001015', [
    'HILDE',
    'AVREGSTAD',
    '1986-06-17',
    address('BEKKEVEIEN 12', '9008', 'TROMSØ', '5501', 'TROMSØ'),
  ]),
  person(16, '124001016', [
    'PER',
    'DUPLIKATSEN',
    '1958-03-25',
    address('RINGVEIEN 30', '1606', 'FREDRIKSTAD', '3107', 'FREDRIKSTAD'),
  ]),
  person(17, '124001017', [
    'LINE',
    'NYIMPORT',
    '1994-10-11',
    address('TORGGATA 1', '3015', 'DRAMMEN', '3301', 'DRAMMEN'),
  ]),
  person(18, '124001018', ['INGRID', 'FORDAL', '1972-08-08', address('BAKKEVEIEN 19', '8006', 'BODØ', '1804', 'BODØ')]),
  person(19, '124001019', [
    'PER',
    'MINBILSEN',
    '1966-02-14',
    address('PARKVEIEN 7', '4610', 'KRISTIANSAND S', '4204', 'KRISTIANSAND'),
  ]),
  person(20, '124001020', [
    'UNNI',
    'UTILGJENGELIG',
    '1980-12-12',
    address('KIRKEGATA 4', '1530', 'MOSS', '3103', 'MOSS'),
  ]),
  enhet(
    21,
    '124001021',
    'FJORDFINANS LEASING AS',
    storyOrgnr(99200000),
    address('DRONNINGENS GATE 20', '0150', 'OSLO', '0301', 'OSLO'),
  ),
  enhet(
    22,
    '124001022',
    'NORDISK BILLEASING AS',
    storyOrgnr(99200100),
    address('KONGENS GATE 8', '7010', 'TRONDHEIM', '5001', 'TRONDHEIM'),
  ),
  enhet(
    23,
    '124001023',
    'BILPARTNER FINANS AS',
    storyOrgnr(99200200),
    address('STASJONSVEIEN 3', '1337', 'SANDVIKA', '3201', 'BÆRUM'),
  ),
  enhet(
    24,
    '124001024',
    'ELBILFINANS NORGE AS',
    storyOrgnr(99200300),
    address('HAVNEGATA 2', '4005', 'STAVANGER', '1103', 'STAVANGER'),
  ),
  enhet(
    25,
    '124001025',
    'VARDEN LEASING AS',
    storyOrgnr(99200400),
    address('TORGGATA 9', '5003', 'BERGEN', '4601', 'BERGEN'),
  ),
];
