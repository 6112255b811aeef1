/**
 * What a low-code user stumbles on in a 40-item workflow of plates in mixed spellings, duplicates
 * and bad rows (issue "n8n node … the n8n its users run today", item 5): the input's own fields,
 * the search that answers 404, the empty plate, and request ids of requests never sent.
 */

import {
  NodeApiError,
  NodeOperationError,
  type ICredentialDataDecryptedObject,
  type IDataObject,
  type INodeExecutionData,
} from 'n8n-workflow';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregister } from '../../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';
import { createExecuteContext, itemsOf } from '../support/fake-n8n';
import {
  BULK_ROUTE,
  SOK_ROUTE,
  credentialStore,
  routeCounts,
  simulatorCredential,
} from '../support/simulator-credential';

const node = new FiksKjoretoyregister();

interface Run {
  items: IDataObject[];
  parameters: (itemIndex: number) => Record<string, unknown>;
  continueOnFail?: boolean;
  credential?: ICredentialDataDecryptedObject;
}

describe('low-code stumbling blocks', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  async function run(options: Run): Promise<INodeExecutionData[]> {
    const fake = createExecuteContext({
      store: credentialStore(simulatorCredential(simulator, 'pem', options.credential ?? {})),
      items: itemsOf(options.items),
      parameters: options.parameters,
      continueOnFail: options.continueOnFail === true,
    });
    const [out] = await node.execute.call(fake.context);
    return out;
  }

  describe('Options → Include Input Fields', () => {
    const rows = [
      { saksnummer: '2024/101', plate: 'cu 10942', status: 'ny' },
      { saksnummer: '2024/102', plate: 'not a plate!' },
      { saksnummer: '2024/103', plate: 'XX99999' },
      { saksnummer: '2024/104', plate: 'CU10942' },
    ];
    const lookup = (include?: boolean) => (i: number) => ({
      resource: 'kjoretoy',
      operation: 'kjennemerke',
      kjennemerke: rows[i].plate,
      ...(include === undefined ? {} : { options: { includeInputFields: include } }),
    });

    it('keeps the input fields on every lookup item, answered or failed, paired, one bulk request', async () => {
      const out = await run({ items: rows, parameters: lookup(true), continueOnFail: true });
      expect(out.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
      expect(out.map((item) => item.json['saksnummer'])).toEqual(['2024/101', '2024/102', '2024/103', '2024/104']);
      // The node's own fields win over input fields of the same name.
      expect(out[0].json).toMatchObject({ status: 'found', input: 'cu 10942', plate: 'cu 10942', merke: 'MITSUBISHI' });
      expect(out[1].json).toMatchObject({ status: 'invalid', code: 'KJR_VALIDATION', plate: 'not a plate!' });
      expect(out[2].json).toMatchObject({ status: 'not_found', saksnummer: '2024/103' });
      expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 1 });
    });

    it('is off by default: the output carries only what the node produces', async () => {
      for (const parameters of [lookup(), lookup(false)]) {
        const out = await run({ items: rows, parameters, continueOnFail: true });
        for (const item of out) {
          expect(item.json).not.toHaveProperty('saksnummer');
          expect(item.json).not.toHaveProperty('plate');
        }
        expect(out[0].json['status']).toBe('found');
      }
    });

    it('keeps the input fields on search items too', async () => {
      const out = await run({
        items: [{ saksnummer: '2024/201' }, { saksnummer: '2024/202' }],
        parameters: (i) => ({
          resource: 'sok',
          operation: 'kjennemerke',
          kjennemerke: i === 0 ? 'CU1094?' : 'XX99999',
          returnAll: false,
          limit: 10,
          options: { includeInputFields: true },
        }),
      });
      expect(out.map((item) => [item.pairedItem, item.json['saksnummer'], item.json['status']])).toEqual([
        [{ item: 0 }, '2024/201', 'found'],
        [{ item: 1 }, '2024/202', 'not_found'],
      ]);
    });
  });

  describe('a search that answers 404', () => {
    // An unknown path answers a plain 404 in the simulator, as the hosts of a wrong Fiks API URL would.
    const wrongPath = () => ({ fiksApiUrl: `${simulator.url}/feil` });

    it('says the reading is a contract assumption, shows the status, and the error item carries its input', async () => {
      const [out] = await run({
        items: [{}],
        parameters: () => ({ resource: 'sok', operation: 'kundeid', kundeid: '124000639', returnAll: true }),
        continueOnFail: true,
        credential: wrongPath(),
      });
      expect(out).toMatchObject({
        pairedItem: { item: 0 },
        json: { status: 'error', code: 'KJR_FORBIDDEN', httpStatus: 404, input: { kundeid: '124000639' } },
      });
      expect(out.json['error']).toMatch(/^sok\/kundeid answered HTTP 404: .*an assumption, docs\/contract\.md#s7h/);
      expect(out.json['hint']).toMatch(/Fiks may not forward sok\/kundeid/);
      expect(out.json['hint']).toMatch(/lookups answer 404 too, Fiks API URL or Fiks Organisation ID is wrong/);
      expect(out.json['hint']).not.toMatch(/has no access/);
      // A request was sent, so its id is quoted for support.
      expect(out.json['hint']).toMatch(/For support: requestId [0-9a-f-]{36}/);
    });

    it('without continueOnFail, throws a NodeApiError with HTTP code 404', async () => {
      const error: unknown = await run({
        items: [{}],
        parameters: () => ({ resource: 'sok', operation: 'kundeid', kundeid: '124000639', returnAll: true }),
        credential: wrongPath(),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeApiError);
      expect((error as NodeApiError).httpCode).toBe('404');
      expect((error as Error).message).toMatch(/HTTP 404/);
    });

    it('search items carry their criteria as input, without a fødselsnummer unless it is switched on', async () => {
      const [found] = await run({
        items: [{}],
        parameters: () => ({
          resource: 'sok',
          operation: 'kjennemerke',
          kjennemerke: 'CU1094?',
          ekskluderVraketUtfort: true,
          returnAll: true,
        }),
      });
      expect(found.json).toMatchObject({
        status: 'found',
        input: { kjennemerke: 'CU1094?', ekskluderVraketUtfort: true },
      });

      const fnr = '02919090181';
      const fnrSearch = (include: boolean) => () => ({
        resource: 'sok',
        operation: 'fodselsnummer',
        fodselsnummer: fnr,
        returnAll: true,
        options: { includeFodselsnummer: include },
      });
      const [hidden] = await run({ items: [{}], parameters: fnrSearch(false) });
      expect(hidden.json['input']).toEqual({});
      expect(JSON.stringify(hidden)).not.toContain(fnr);
      const [shown] = await run({ items: [{}], parameters: fnrSearch(true) });
      expect(shown.json['input']).toEqual({ fodselsnummer: fnr });
    });

    it('VIN error items carry their input too', async () => {
      const [out] = await run({
        items: [{}],
        parameters: () => ({
          resource: 'kjoretoy',
          operation: 'understellsnummer',
          understellsnummer: 'TESTDIGDIR0000016',
        }),
        continueOnFail: true,
        credential: wrongPath(),
      });
      expect(out.json).toMatchObject({
        status: 'error',
        code: 'KJR_UPSTREAM',
        httpStatus: 404,
        input: 'TESTDIGDIR0000016',
      });
    });
  });

  describe('an empty plate', () => {
    it('says the field is empty, not that it is not a valid plate', async () => {
      const plates = ['CU10942', '', '   ', ' - '];
      const out = await run({
        items: plates.map(() => ({})),
        parameters: (i) => ({ resource: 'kjoretoy', operation: 'kjennemerke', kjennemerke: plates[i] }),
        continueOnFail: true,
      });
      expect(out.map((item) => item.json['status'])).toEqual(['found', 'invalid', 'invalid', 'invalid']);
      expect(out.slice(1).map((item) => item.json['error'])).toEqual([
        'Kjennemerke is empty',
        'Kjennemerke is empty',
        'Kjennemerke is empty',
      ]);
      expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 1 });
    });

    it('says an empty VIN is empty', async () => {
      const error: unknown = await run({
        items: [{}],
        parameters: () => ({ resource: 'kjoretoy', operation: 'understellsnummer', understellsnummer: '' }),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeOperationError);
      expect((error as Error).message).toBe('understellsnummer is empty');
    });
  });

  describe('request ids in support references', () => {
    it('quotes none when the token step failed and nothing was sent to Fiks', async () => {
      const mismatch = { privateKey: simulator.credentials.supplier.keyPem };
      const error: unknown = await run({
        items: [{}],
        parameters: () => ({ resource: 'kjoretoy', operation: 'kjennemerke', kjennemerke: 'CU10942' }),
        credential: mismatch,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeOperationError);
      expect((error as Error).message).toMatch(/^The credential or node settings are wrong/);
      expect(String((error as NodeOperationError).description)).not.toMatch(/requestId/);

      const refused = await run({
        items: [{}, {}],
        parameters: () => ({ resource: 'sok', operation: 'kjennemerke', kjennemerke: 'CU10942', returnAll: true }),
        continueOnFail: true,
        credential: { clientId: 'unknown-client' },
      });
      for (const item of refused) {
        expect(item.json).toMatchObject({ status: 'error', code: 'KJR_MASKINPORTEN' });
        expect(String(item.json['hint'])).not.toMatch(/requestId/);
      }
      expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({});
    });

    it('quotes the request id when Fiks answered', async () => {
      simulator.setFaults({ serverError: { status: 503, times: 1 } });
      const [out] = await run({
        items: [{}],
        parameters: () => ({ resource: 'kjoretoy', operation: 'kjennemerke', kjennemerke: 'CU10942' }),
        continueOnFail: true,
      });
      expect(out.json['hint']).toMatch(/For support: requestId [0-9a-f-]{36}/);
    });
  });
});
