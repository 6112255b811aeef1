/**
 * The known synthetic SVV test vehicles of docs/contract.md#s6 with their documented values. CU 10942 and
 * EC 80261 reproduce SVV's recorded test response (timestamps, owners, kontrollfrist,
 * godkjenning); the others fill what the sources leave open with plausible values.
 */
import { osloTime as t } from '../time.js';
import { GODKJENNING_CU10942 } from './cu10942-godkjenning.js';
import { GODKJENNING_EC80261 } from './ec80261-godkjenning.js';
import { FP } from './fixed-parties.js';
import { farge, model, owner, plate, registrert, type StoryDefinition } from './story-helpers.js';

const CU10942_FOM = Date.parse('2021-04-21T14:32:54.295+02:00');
const EC80261_PLATE = Date.parse('2021-04-21T14:00:53.293+02:00');
const EC80261_EIER = Date.parse('2021-04-21T14:01:20.082+02:00');

export const SYNTHETIC_DEFINITIONS: StoryDefinition[] = [
  {
    key: 'cu10942',
    proves: 'docs/contract.md#s6 / SVV test sample: eier HELGE KROKEN (adressestatus SVALBARD), medeier JARLE BERGER',
    kuid: '3378119709',
    imid: '4628',
    understellsnummer: 'TESTDIGDIR0000016',
    model: model('MITSUBISHI', 'Outlander PHEV'),
    godkjenning: GODKJENNING_CU10942,
    fromSample: true,
    forstegangsregistrert: CU10942_FOM,
    plates: [plate('CU10942', CU10942_FOM)],
    ownerships: [
      owner(FP.HELGE_KROKEN, CU10942_FOM, undefined, {
        medeier: FP.JARLE_BERGER,
        vedtak: Date.parse('2021-04-21T14:32:54.347+02:00'),
      }),
    ],
    registrations: [registrert(CU10942_FOM)],
    kontrollfrist: '2025-04-21',
    sistGodkjent: '2023-04-15',
  },
  {
    key: 'ec80261',
    proves: 'docs/contract.md#s6 / SVV test sample: electric TESLA MOTORS Model X, eier JARLE BERGER',
    kuid: '3378119451',
    imid: '4627',
    understellsnummer: 'TESTDIGDIR0000015',
    model: model('TESLA MOTORS', 'Model 3'),
    godkjenning: GODKJENNING_EC80261,
    fromSample: true,
    forstegangsregistrert: EC80261_PLATE,
    plates: [plate('EC80261', EC80261_PLATE)],
    ownerships: [
      owner(FP.JARLE_BERGER, EC80261_EIER, undefined, { vedtak: Date.parse('2021-04-21T14:01:24.021+02:00') }),
    ],
    registrations: [registrert(EC80261_PLATE)],
    kontrollfrist: '2025-04-21',
  },
  {
    key: 'cu10001',
    proves:
      'docs/contract.md#s6 (SVV leasingtaker-api docs): OPEL ASTRA, first registered 2019-11-04, Hvit, test person LEDENDE FIRKANT',
    kuid: '3378041341',
    imid: '4501',
    understellsnummer: 'TESTSISDINKY00004',
    model: model('OPEL', 'Astra'),
    farge: farge('Hvit'),
    forstegangsregistrert: t(2019, 11, 4, 10, 15),
    plates: [plate('CU10001', t(2019, 11, 4, 10, 15))],
    ownerships: [owner(FP.LEDENDE_FIRKANT, t(2019, 11, 4, 10, 15))],
    registrations: [registrert(t(2019, 11, 4, 10, 15))],
  },
  {
    key: 'cu11306',
    proves:
      'docs/contract.md#s6 (successor sample): TOYOTA Land Cruiser, eier NORSK SCANIA AS, leasingtaker its Skøyen sub-unit',
    kuid: '3378200001',
    imid: '4502',
    understellsnummer: 'SISDINKY35995054',
    model: model('TOYOTA', 'Land Cruiser'),
    farge: farge('Grå'),
    forstegangsregistrert: t(2018, 9, 12, 11, 0),
    plates: [plate('CU11306', t(2018, 9, 12, 11, 0))],
    ownerships: [owner(FP.NORSK_SCANIA, t(2018, 9, 12, 11, 0), undefined, { leasingtaker: FP.NORSK_SCANIA_SKOYEN })],
    registrations: [registrert(t(2018, 9, 12, 11, 0))],
  },
  {
    key: 'cu11293',
    proves: 'docs/contract.md#s6 (successor sample): FORD Kuga',
    kuid: '3378200002',
    imid: '4503',
    understellsnummer: 'SISDINKY89778834',
    model: model('FORD', 'Kuga'),
    farge: farge('Blå'),
    forstegangsregistrert: t(2020, 3, 3, 9, 30),
    plates: [plate('CU11293', t(2020, 3, 3, 9, 30))],
    ownerships: [owner(FP.INGRID_FORDAL, t(2020, 3, 3, 9, 30))],
    registrations: [registrert(t(2020, 3, 3, 9, 30))],
  },
  {
    key: 'cu10149',
    proves: 'docs/contract.md#s6 (successor sample): TESTMINBIL0000001',
    kuid: '3378200003',
    imid: '4504',
    understellsnummer: 'TESTMINBIL0000001',
    model: model('VOLKSWAGEN', 'Golf'),
    farge: farge('Sølv'),
    forstegangsregistrert: t(2017, 5, 22, 13, 0),
    plates: [plate('CU10149', t(2017, 5, 22, 13, 0))],
    ownerships: [owner(FP.PER_MINBILSEN, t(2017, 5, 22, 13, 0))],
    registrations: [registrert(t(2017, 5, 22, 13, 0))],
  },
];
