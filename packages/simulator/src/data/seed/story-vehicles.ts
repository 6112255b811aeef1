/**
 * Fixed story vehicles, independent of the seed, that tests and the demo rely on; each proves one
 * behaviour and STORY_VEHICLES.md documents them. Register indexes: docs/contract.md#s6 vehicles first
 * (synthetic-vehicles.ts), then these.
 */
import type { PlateSpan, VehicleRecord } from '../records.js';
import { osloTime as t } from '../time.js';
import { FP } from './fixed-parties.js';
import {
  farge,
  model,
  owner,
  personlig,
  plate,
  registrert,
  toRecord,
  vin,
  type StoryDefinition,
} from './story-helpers.js';
import { SYNTHETIC_DEFINITIONS } from './synthetic-vehicles.js';

import type { StoryVehicle } from './story-helpers.js';

export type { StoryVehicle };

/** Story instants, exported so tests can probe either side of them. */
export const STORY_TIMES = {
  eierskifte: t(2024, 3, 15, 12, 0),
  vraket: t(2023, 9, 1, 10, 0),
  utfort: t(2024, 11, 20, 13, 30),
  personligPlate: t(2022, 6, 1, 9, 0),
  plateFlyttet: t(2024, 6, 1, 10, 0),
  avregistrert: t(2025, 10, 15, 9, 0),
  duplikatVraket: t(2016, 2, 1, 11, 0),
} as const;

const T = STORY_TIMES;

function storyDefinitions(): StoryDefinition[] {
  const id4 = model('VOLKSWAGEN', 'ID.4');
  return [
    {
      key: 'eierskifte',
      proves:
        'Owner changed 2024-03-15T12:00:00+01:00 from SIGRID TESTRUD to MAGNUS PRØVESEN: dtg before/after give different owners',
      kuid: '3378300001',
      imid: '5001',
      understellsnummer: 'WVGZZZE2ZMPS00001',
      model: id4,
      farge: farge('Grå'),
      forstegangsregistrert: t(2021, 5, 10, 10, 0),
      plates: [plate('ST10001', t(2021, 5, 10, 10, 0))],
      ownerships: [
        owner(FP.SIGRID_TESTRUD, t(2021, 5, 10, 10, 0), T.eierskifte),
        owner(FP.MAGNUS_PROVESEN, T.eierskifte),
      ],
      registrations: [registrert(t(2021, 5, 10, 10, 0), T.eierskifte), registrert(T.eierskifte)],
    },
    {
      key: 'skjermet-eier',
      proves: 'Owner with erUnntattOffentlighet: true (ASTRID SKJERMVIK)',
      kuid: '3378300002',
      imid: '5002',
      understellsnummer: 'YV1XZK9V1M2S00002',
      model: model('VOLVO', 'XC40 Recharge'),
      farge: farge('Svart'),
      forstegangsregistrert: t(2021, 8, 2, 9, 0),
      plates: [plate('ST10002', t(2021, 8, 2, 9, 0))],
      ownerships: [owner(FP.ASTRID_SKJERMVIK, t(2021, 8, 2, 9, 0))],
      registrations: [registrert(t(2021, 8, 2, 9, 0))],
    },
    {
      key: 'unntatt-eierskap',
      proves: 'kjoretoyId.unntattOffentlighet EIERSKAP: eierskap is suppressed in every response',
      kuid: '3378300003',
      imid: '5003',
      understellsnummer: 'WAUZZZ8KZAAS00003',
      model: model('AUDI', 'A4'),
      farge: farge('Svart'),
      forstegangsregistrert: t(2010, 4, 7, 12, 0),
      plates: [plate('ST10003', t(2010, 4, 7, 12, 0))],
      ownerships: [owner(FP.TOR_HEMMELIGSEN, t(2010, 4, 7, 12, 0))],
      registrations: [registrert(t(2010, 4, 7, 12, 0))],
      unntattOffentlighet: ['EIERSKAP'],
    },
    {
      key: 'vraket',
      proves: 'VRAKET since 2023-09-01T10:00 (REGISTRERT before)',
      kuid: '3378300004',
      imid: '5004',
      understellsnummer: 'WVWZZZ1KZ6WS00004',
      model: model('VOLKSWAGEN', 'Golf'),
      farge: farge('Rød'),
      forstegangsregistrert: t(2006, 3, 15, 10, 0),
      plates: [plate('ST10004', t(2006, 3, 15, 10, 0))],
      ownerships: [owner(FP.KNUT_VRAKSTAD, t(2006, 3, 15, 10, 0))],
      registrations: [registrert(t(2006, 3, 15, 10, 0), T.vraket), { status: 'VRAKET', fom: T.vraket }],
    },
    {
      key: 'utfort',
      proves: 'UTFORT (exported) since 2024-11-20T13:30',
      kuid: '3378300005',
      imid: '5005',
      understellsnummer: 'JTMW43FV0BDS00005',
      model: model('TOYOTA', 'RAV4 Hybrid'),
      farge: farge('Hvit'),
      forstegangsregistrert: t(2011, 6, 1, 10, 0),
      plates: [plate('ST10005', t(2011, 6, 1, 10, 0))],
      ownerships: [owner(FP.EVA_EKSPORTDAL, t(2011, 6, 1, 10, 0))],
      registrations: [registrert(t(2011, 6, 1, 10, 0), T.utfort), { status: 'UTFORT', fom: T.utfort }],
    },
    {
      key: 'personlig-kjennemerke',
      proves: 'Personal plate TESLA1 (PERSONLIG) since 2022-06-01T09:00; ordinary plate ST 10006 kept',
      kuid: '3378300006',
      imid: '5006',
      understellsnummer: vin('5YJ3E7EB?LFS00006'),
      model: model('TESLA MOTORS', 'Model 3'),
      farge: farge('Hvit'),
      forstegangsregistrert: t(2020, 2, 20, 10, 0),
      plates: [plate('ST10006', t(2020, 2, 20, 10, 0)), personlig('TESLA1', T.personligPlate)],
      ownerships: [owner(FP.KARI_ELBILSEN, t(2020, 2, 20, 10, 0))],
      registrations: [registrert(t(2020, 2, 20, 10, 0))],
    },
    {
      key: 'leaset-firmabil',
      proves:
        'Leased company car: eier FJORDFINANS LEASING AS, leasingtaker FJELLTOPP BYGG AS, underenhet its Bergen sub-unit',
      kuid: '3378300007',
      imid: '5007',
      understellsnummer: 'TMBJC7NY4NMS00007',
      model: model('SKODA', 'Enyaq iV'),
      farge: farge('Grå'),
      forstegangsregistrert: t(2022, 1, 17, 10, 0),
      plates: [plate('ST10007', t(2022, 1, 17, 10, 0))],
      ownerships: [
        owner(FP.FJORDFINANS_LEASING, t(2022, 1, 17, 10, 0), undefined, {
          leasingtaker: FP.FJELLTOPP_BYGG,
          underenhet: FP.FJELLTOPP_BYGG_BERGEN,
        }),
      ],
      registrations: [registrert(t(2022, 1, 17, 10, 0))],
    },
    {
      key: 'utilgjengelig',
      proves: 'Exists but answers OPPLYSNINGER_UTILGJENGELIG in bulk and search',
      kuid: '3378300008',
      imid: '5008',
      understellsnummer: 'WF0XXXGCKJJS00008',
      model: model('FORD', 'Focus'),
      farge: farge('Blå'),
      forstegangsregistrert: t(2018, 10, 1, 10, 0),
      plates: [plate('ST10008', t(2018, 10, 1, 10, 0))],
      ownerships: [owner(FP.UNNI_UTILGJENGELIG, t(2018, 10, 1, 10, 0))],
      registrations: [registrert(t(2018, 10, 1, 10, 0))],
      unavailable: true,
    },
    {
      key: 'plate-fra',
      proves: 'Personal plate OLAN was on this vehicle until 2024-06-01T10:00 (then moved to ST 10010)',
      kuid: '3378300009',
      imid: '5009',
      understellsnummer: 'SJNFAAZE0JUS00009',
      model: model('NISSAN', 'Leaf'),
      farge: farge('Hvit'),
      forstegangsregistrert: t(2018, 4, 20, 10, 0),
      plates: [plate('ST10009', t(2018, 4, 20, 10, 0)), personlig('OLAN', t(2019, 5, 2, 12, 0), T.plateFlyttet)],
      ownerships: [owner(FP.OLE_FLYTTSTAD, t(2018, 4, 20, 10, 0))],
      registrations: [registrert(t(2018, 4, 20, 10, 0))],
    },
    {
      key: 'plate-til',
      proves: 'Personal plate OLAN moved onto this vehicle at 2024-06-01T10:00',
      kuid: '3378300010',
      imid: '5010',
      understellsnummer: vin('XP7YGCEK?RBS00010'),
      model: model('TESLA MOTORS', 'Model Y'),
      farge: farge('Blå'),
      forstegangsregistrert: t(2024, 5, 20, 10, 0),
      plates: [plate('ST10010', t(2024, 5, 20, 10, 0)), personlig('OLAN', T.plateFlyttet)],
      ownerships: [owner(FP.OLE_FLYTTSTAD, t(2024, 5, 20, 10, 0))],
      registrations: [registrert(t(2024, 5, 20, 10, 0))],
    },
    {
      key: 'avregistrert',
      proves: 'AVREGISTRERT (temporarily deregistered) since 2025-10-15T09:00',
      kuid: '3378300011',
      imid: '5011',
      understellsnummer: 'VF3LCYHZPGSS00011',
      model: model('PEUGEOT', '308'),
      farge: farge('Grå'),
      forstegangsregistrert: t(2016, 9, 9, 10, 0),
      plates: [plate('ST10011', t(2016, 9, 9, 10, 0))],
      ownerships: [owner(FP.HILDE_AVREGSTAD, t(2016, 9, 9, 10, 0))],
      registrations: [
        registrert(t(2016, 9, 9, 10, 0), T.avregistrert),
        { status: 'AVREGISTRERT', fom: T.avregistrert },
      ],
    },
    ...duplicateVinDefinitions(),
  ];
}

function duplicateVinDefinitions(): StoryDefinition[] {
  const passat = model('VOLKSWAGEN', 'Passat');
  return [
    {
      key: 'delt-vin-gammel',
      proves: 'VIN TESTDUPVIN0000001 shared by two vehicles; this one VRAKET 2016-02-01',
      kuid: '3378300012',
      imid: '5012',
      understellsnummer: 'TESTDUPVIN0000001',
      model: passat,
      farge: farge('Sølv'),
      forstegangsregistrert: t(2008, 4, 1, 10, 0),
      plates: [plate('ST10012', t(2008, 4, 1, 10, 0))],
      ownerships: [owner(FP.PER_DUPLIKATSEN, t(2008, 4, 1, 10, 0))],
      registrations: [registrert(t(2008, 4, 1, 10, 0), T.duplikatVraket), { status: 'VRAKET', fom: T.duplikatVraket }],
    },
    {
      key: 'delt-vin-ny',
      proves: 'VIN TESTDUPVIN0000001 shared by two vehicles; this one registered 2019-08-15',
      kuid: '3378300013',
      imid: '5013',
      understellsnummer: 'TESTDUPVIN0000001',
      model: passat,
      farge: farge('Sølv'),
      forstegangsregistrert: t(2019, 8, 15, 10, 0),
      plates: [plate('ST10013', t(2019, 8, 15, 10, 0))],
      ownerships: [owner(FP.LINE_NYIMPORT, t(2019, 8, 15, 10, 0))],
      registrations: [registrert(t(2019, 8, 15, 10, 0))],
    },
  ];
}

const DEFINITIONS: StoryDefinition[] = [...SYNTHETIC_DEFINITIONS, ...storyDefinitions()];

/** Story records in index order (indexes 0..STORY_RECORDS.length-1 of every register). */
export const STORY_RECORDS: readonly VehicleRecord[] = DEFINITIONS.map(toRecord);

export const STORY_VEHICLES: readonly StoryVehicle[] = DEFINITIONS.map((definition, index) => {
  const ordinary = definition.plates.find((p) => p.kategori === 'KJORETOY') as PlateSpan;
  return {
    key: definition.key,
    index,
    kjennemerke: `${ordinary.kjennemerke.slice(0, 2)} ${ordinary.kjennemerke.slice(2)}`,
    kuid: definition.kuid,
    understellsnummer: definition.understellsnummer,
    proves: definition.proves,
  };
});
