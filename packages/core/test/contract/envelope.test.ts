import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kjennemerkeKeys, kuidKeys, readBulkEnvelope } from '../../src/contract/bulk-envelope.js';
import { readKundeSok, readSokPage } from '../../src/contract/search-envelope.js';
import { readVinEnvelope } from '../../src/contract/vin-envelope.js';
import { ResponseFormatError } from '../../src/errors.js';
import type { KjoretoyResponse } from '../../src/schemas/index.js';
import { expectCoreError, thrownBy } from '../support/core-errors.js';

const fixture = JSON.parse(
  readFileSync(
    join(__dirname, '../../../../tools/schema-gen/spec/example_kjoretoysok_response_testmiljo.json'),
    'utf8',
  ),
) as { kjoretoyresponser: KjoretoyResponse[] };
/** The recorded SVV test-environment hit: CU 10942 / kuid 3378119709 (docs/contract.md#s6). */
const cu10942 = fixture.kjoretoyresponser[0];
const notFound = { responskoder: [{ kode: 'KJORETOY_IKKE_FUNNET', beskrivelse: 'Fant ikke kjøretøy' }] };
const unavailable = { responskoder: [{ kode: 'OPPLYSNINGER_UTILGJENGELIG', beskrivelse: 'Ikke utlevert' }] };

describe('readBulkEnvelope (CONTRACT-ASSUMPTION (a))', () => {
  it('aligns an array of the same length by index and classifies each element', () => {
    const outcomes = readBulkEnvelope(
      [cu10942, notFound, unavailable],
      ['CU10942', 'XX99999', 'CU11306'],
      kjennemerkeKeys,
    );
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'not_found', 'unavailable']);
    expect(outcomes[0].kjoretoy?.kjoretoyId?.understellsnummer).toBe('TESTDIGDIR0000016');
    expect(outcomes[1].responskoder).toEqual(notFound.responskoder);
  });

  it('treats any element without kjoretoy as not found whatever its code, and null as absent', () => {
    const outcomes = readBulkEnvelope(
      [{ responskoder: [{ kode: 'NOE_NYTT' }] }, { kjoretoy: null, responskoder: null }, {}],
      ['A1', 'B2', 'C3'],
      kjennemerkeKeys,
    );
    expect(outcomes.map((o) => o.status)).toEqual(['not_found', 'not_found', 'not_found']);
    expect(outcomes[1].responskoder).toEqual([]);
  });

  it('keeps unknown fields (docs/contract.md#s5.9)', () => {
    const [outcome] = readBulkEnvelope([{ ...cu10942, nyttFelt: 1 }], ['CU10942'], kjennemerkeKeys);
    expect(outcome.kjoretoy?.kjoretoyId?.kjennemerke).toBe('CU 10942');
    expect(outcome.status).toBe('found');
  });

  it('correlates by normalised plate when lengths differ, including earlier plates of the vehicle', () => {
    const older = {
      kjoretoy: {
        kjoretoyId: { kjennemerke: 'EL 12345', kuid: '3378000002' },
        kjennemerke: [{ kjennemerke: 'EL 12345' }, { kjennemerke: 'TESLA' }],
      },
    };
    const outcomes = readBulkEnvelope([older, cu10942], ['XX99999', 'CU10942', 'TESLA'], kjennemerkeKeys);
    expect(outcomes.map((o) => o.status)).toEqual(['not_found', 'found', 'found']);
    expect(outcomes[2].kjoretoy?.kjoretoyId?.kuid).toBe('3378000002');
  });

  it('gives the same plate asked twice (different dtg) one element each when lengths differ', () => {
    const outcomes = readBulkEnvelope([cu10942, cu10942], ['CU10942', 'XX99999', 'CU10942'], kjennemerkeKeys);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'not_found', 'found']);
  });

  it('correlates kuid lookups by kjoretoyId.kuid', () => {
    const outcomes = readBulkEnvelope([cu10942], ['1', '3378119709'], kuidKeys);
    expect(outcomes.map((o) => o.status)).toEqual(['not_found', 'found']);
  });

  it('marks unmatched items as error, not not_found, when the mismatched response held unreadable elements', () => {
    const outcomes = readBulkEnvelope([cu10942, 'garbage'], ['CU10942', 'EC80261', 'XX99999'], kjennemerkeKeys);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'error', 'error']);
    expectCoreError(outcomes[1].error, ResponseFormatError, 'KJR_RESPONSE_FORMAT');
  });

  it('reads the object envelope and its kjoretoy alias, and 204 as all not found', () => {
    expect(readBulkEnvelope({ kjoretoyresponser: [cu10942] }, ['CU10942'], kjennemerkeKeys)[0].status).toBe('found');
    expect(readBulkEnvelope({ kjoretoy: [cu10942] }, ['CU10942'], kjennemerkeKeys)[0].status).toBe('found');
    const top = [{ kode: 'TOPP', beskrivelse: 'top-level' }];
    expect(readBulkEnvelope({ responskoder: top }, ['CU10942'], kjennemerkeKeys)).toEqual([
      { status: 'not_found', responskoder: top },
    ]);
    expect(readBulkEnvelope(undefined, ['CU10942', 'EC80261'], kjennemerkeKeys).map((o) => o.status)).toEqual([
      'not_found',
      'not_found',
    ]);
  });

  it('makes a malformed element an error of its own, naming its index but no values', () => {
    const outcomes = readBulkEnvelope([cu10942, { kjoretoy: 'CU 10942' }], ['CU10942', 'EC80261'], kjennemerkeKeys);
    expect(outcomes[0].status).toBe('found');
    expect(outcomes[1].status).toBe('error');
    expect(outcomes[1].error?.message).toBe('Bulk response element 1 does not match KjoretoyResponse');
    expect(JSON.stringify(outcomes[1].error?.details)).not.toContain('CU 10942');
  });

  it('throws ResponseFormatError for a body that is neither a list nor an object', () => {
    expectCoreError(
      thrownBy(() => readBulkEnvelope('<html>', ['CU10942'], kjennemerkeKeys)),
      ResponseFormatError,
      'KJR_RESPONSE_FORMAT',
    );
    expectCoreError(
      thrownBy(() => readBulkEnvelope(42, ['CU10942'], kjennemerkeKeys)),
      ResponseFormatError,
      'KJR_RESPONSE_FORMAT',
    );
    expect(() => readBulkEnvelope({ kjoretoyresponser: 'x' }, ['CU10942'], kjennemerkeKeys)).toThrow(
      ResponseFormatError,
    );
  });
});

describe('readVinEnvelope (CONTRACT-ASSUMPTION (d))', () => {
  it('returns every vehicle and all codes', () => {
    const second = {
      kjoretoy: { kjoretoyId: { kuid: '1', understellsnummer: 'TESTDIGDIR0000016' } },
      responskoder: [{ kode: 'INFO' }],
    };
    const read = readVinEnvelope([cu10942, second]);
    expect(read.status).toBe('found');
    expect(read.kjoretoy).toHaveLength(2);
    expect(read.responskoder).toEqual([{ kode: 'INFO' }]);
  });

  it('reads empty, 204 and elements without kjoretoy as not found; all unavailable as unavailable', () => {
    expect(readVinEnvelope(undefined).status).toBe('not_found');
    expect(readVinEnvelope([]).status).toBe('not_found');
    expect(readVinEnvelope([notFound]).status).toBe('not_found');
    expect(readVinEnvelope({ kjoretoyresponser: [unavailable] }).status).toBe('unavailable');
    expect(readVinEnvelope([unavailable, notFound]).status).toBe('not_found');
  });

  it('throws ResponseFormatError for an unreadable element', () => {
    expect(() => readVinEnvelope([cu10942, 7])).toThrow('VIN response element 1 does not match KjoretoyResponse');
  });
});

describe('readSokPage / readKundeSok (docs/contract.md#s5.1)', () => {
  it('reads the recorded SVV search response losslessly', () => {
    const page = readSokPage(fixture);
    expect(page.antallTreffTotalt).toBe((fixture as Record<string, unknown>)['antallTreffTotalt']);
    expect(page.kjoretoyresponser?.[0]).toEqual(cu10942);
  });

  it('reads 204 as an empty page and fills missing lists', () => {
    expect(readSokPage(undefined)).toEqual({
      antallITreffliste: 0,
      antallTreffTotalt: 0,
      kjoretoyresponser: [],
      responskoder: [],
    });
    expect(readSokPage({ antallTreffTotalt: 0 })).toEqual({
      antallITreffliste: 0,
      antallTreffTotalt: 0,
      kjoretoyresponser: [],
      responskoder: [],
    });
  });

  it('falls back to the writeOnly kjoretoy alias', () => {
    expect(readSokPage({ kjoretoy: [cu10942], antallTreffTotalt: 1 }).kjoretoyresponser).toEqual([cu10942]);
  });

  it('throws ResponseFormatError for a body that is not a search response', () => {
    expectCoreError(
      thrownBy(() => readSokPage([cu10942])),
      ResponseFormatError,
      'KJR_RESPONSE_FORMAT',
    );
    expectCoreError(
      thrownBy(() => readSokPage({ antallTreffTotalt: 'mange' })),
      ResponseFormatError,
      'KJR_RESPONSE_FORMAT',
    );
  });

  it('reads S7 customers, the treffListe alias and 204', () => {
    const kunde = { personEnhet: { person: { fornavn: 'HELGE', etternavn: 'KROKEN' } }, antallKjoretoy: 1 };
    expect(readKundeSok({ antallTreffTotalt: 1, kunder: [kunde] }).kunder).toEqual([kunde]);
    expect(readKundeSok({ treffListe: [kunde] }).kunder).toEqual([kunde]);
    expect(readKundeSok(undefined)).toEqual({
      antallITreffliste: 0,
      antallTreffTotalt: 0,
      kunder: [],
      responskoder: [],
    });
    expectCoreError(
      thrownBy(() => readKundeSok('x')),
      ResponseFormatError,
      'KJR_RESPONSE_FORMAT',
    );
  });
});
