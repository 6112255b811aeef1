import { ResponseFormatError, UpstreamError, ValidationError } from '../../src/errors.js';
import { lookupBulk } from '../../src/operations/bulk-lookup.js';
import type { BulkInput } from '../../src/operations/bulk-input.js';
import { register, sent, type SentItem } from './support/bulk-register.js';
import { harness } from './support/context.js';
import { found, notFound, vehicle, withSpace } from './support/synthetic.js';
import { expectCoreError } from '../support/core-errors.js';

describe('lookupBulk: chunking and alignment (docs/contract.md#s7c, docs/contract.md#s9.10)', () => {
  it('sends 250 plates as 100/100/50 and returns outcomes aligned to inputs', async () => {
    const plates = Array.from({ length: 250 }, (_, i) => `cu${10000 + i}`);
    const missing = new Set(plates.filter((_, i) => i % 7 === 0).map((p) => p.toUpperCase()));
    const { ctx, requester } = harness(register({ missing }));

    const outcomes = await lookupBulk(ctx, 'kjennemerke', plates);

    expect(requester.calls.map((c) => sent(c).length)).toEqual([100, 100, 50]);
    for (const call of requester.calls) {
      expect(call).toMatchObject({
        method: 'POST',
        route: '/bulk/kjennemerke',
        path: '/bulk/kjennemerke',
        retryable: false,
      });
    }
    expect(sent(requester.calls[0])[0]).toEqual({ kjennemerke: 'CU10000' });
    expect(outcomes).toHaveLength(250);
    outcomes.forEach((outcome, i) => {
      expect(outcome.input).toBe(plates[i]);
      if (i % 7 === 0) {
        expect(outcome.status).toBe('not_found');
        expect(outcome.kjoretoy).toBeUndefined();
      } else {
        expect(outcome.status).toBe('found');
        expect(outcome.kjoretoy?.kjoretoyId?.kjennemerke).toBe(withSpace(plates[i].toUpperCase()));
      }
    });
    expect(outcomes[0].requestId).toBe('req-1');
    expect(outcomes[249].requestId).toBe('req-3');
  });

  it('sends a duplicate (same normalised plate and dtg) once and fans the result out', async () => {
    const { ctx, requester } = harness(register());
    const items: BulkInput[] = [
      'CU 10942',
      'cu10942',
      { kjennemerke: 'CU-10942' },
      'EC80261',
      { kjennemerke: 'CU10942', dtg: '2023-06-01T10:00:00Z' },
    ];

    const outcomes = await lookupBulk(ctx, 'kjennemerke', items);

    expect(requester.calls).toHaveLength(1);
    expect(sent(requester.calls[0])).toEqual([
      { kjennemerke: 'CU10942' },
      { kjennemerke: 'EC80261' },
      { kjennemerke: 'CU10942', dtg: '2023-06-01T12:00:00.000+02:00' },
    ]);
    expect(outcomes.map((o) => o.input)).toEqual(items);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'found', 'found', 'found', 'found']);
    expect(outcomes[0].kjoretoy).toBe(outcomes[2].kjoretoy);
    expect(outcomes[3].kjoretoy?.kjoretoyId?.kjennemerke).toBe('EC 80261');
  });

  it('never sends invalid items and never lets them fail their neighbours', async () => {
    const { ctx, requester } = harness(register());
    const items = ['CU10942', 'X', 42, { kjennemerke: 'TOOLONG123' }, { kuid: '3378119709' }, 'EC80261', null];

    const outcomes = await lookupBulk(ctx, 'kjennemerke', items as unknown as BulkInput[]);

    expect(sent(requester.calls[0])).toEqual([{ kjennemerke: 'CU10942' }, { kjennemerke: 'EC80261' }]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'found',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'found',
      'invalid',
    ]);
    expect(outcomes.map((o) => o.error?.message)).toEqual([
      undefined,
      'items[1] is not a valid plate',
      'items[2] must be a string or an object with kjennemerke',
      'items[3].kjennemerke is not a valid plate',
      'items[4].kjennemerke is missing',
      undefined,
      'items[6] must be a string or an object with kjennemerke',
    ]);
    expect(outcomes[3].error).toBeInstanceOf(ValidationError);
    expect(outcomes[3].error?.code).toBe('KJR_VALIDATION');
    expect(outcomes[3].input).toBe(items[3]);
    expect(outcomes[3].requestId).toBeUndefined();
  });

  it('says an empty plate or kuid is empty, not that it is not valid', async () => {
    const { ctx, requester } = harness(register());
    const plates = await lookupBulk(ctx, 'kjennemerke', ['', '  ', { kjennemerke: ' - ' }, 'X']);
    expect(plates.map((o) => o.error?.message)).toEqual([
      'items[0] is empty',
      'items[1] is empty',
      'items[2].kjennemerke is empty',
      'items[3] is not a valid plate',
    ]);
    const third = plates[2];
    expect(third.status === 'invalid' && third.error.issues).toEqual([
      { path: 'items[2].kjennemerke', message: 'is empty' },
    ]);
    const kuids = await lookupBulk(ctx, 'kuid', [' ', { kuid: '' }]);
    expect(kuids.map((o) => o.error?.message)).toEqual(['items[0] is empty', 'items[1].kuid is empty']);
    expect(requester.calls).toHaveLength(0);
  });

  it('sends nothing when every item is invalid', async () => {
    const { ctx, requester } = harness(register());
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['?', '']);
    expect(requester.calls).toHaveLength(0);
    expect(outcomes.map((o) => o.status)).toEqual(['invalid', 'invalid']);
  });

  it('fails only the items of a chunk whose call throws; other chunks are unaffected', async () => {
    const failure = new UpstreamError('Upstream answered 503', {
      status: 503,
      requestId: 'req-fail',
      svvguid: 'svv-guid-1',
    });
    const answer = register();
    const { ctx, requester, sink } = harness(
      (call) => {
        if (sent(call).some((item) => item.kjennemerke === 'CU10003')) throw failure;
        return answer(call);
      },
      { maxBulkSize: 2 },
    );
    const plates = ['CU10001', 'CU10002', 'CU10003', 'CU10004', 'CU10005'];

    const outcomes = await lookupBulk(ctx, 'kjennemerke', plates);

    expect(requester.calls).toHaveLength(3);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'found', 'error', 'error', 'found']);
    expect(outcomes[2].error).toBe(failure);
    expect(outcomes[3].error).toBe(failure);
    expect(outcomes[2].requestId).toBe('req-fail');
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({
      outcome: { found: 3, notFound: 0, unavailable: 0, invalid: 0, error: 2 },
      errorCode: 'KJR_UPSTREAM',
      svvguid: 'svv-guid-1',
    });
    expect(sink.events[0].requestIds).toEqual(expect.arrayContaining(['req-fail']));
  });

  it('classifies found, not found and unavailable per element (CONTRACT-ASSUMPTION (a))', async () => {
    const { ctx } = harness(register({ missing: new Set(['XX99999']), unavailablePlates: new Set(['CU11306']) }));
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10942', 'XX99999', 'CU11306']);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'not_found', 'unavailable']);
    expect(outcomes[1].responskoder).toEqual([expect.objectContaining({ kode: 'KJORETOY_IKKE_FUNNET' })]);
    expect(outcomes[2].responskoder).toEqual([expect.objectContaining({ kode: 'OPPLYSNINGER_UTILGJENGELIG' })]);
  });
});

describe('lookupBulk: response shapes', () => {
  it('correlates by normalised plate when the response length differs from the request', async () => {
    // Only the vehicles found, in reverse order, with the spaces SVV puts in plates.
    const { ctx } = harness((call) => ({
      body: sent(call)
        .filter((item) => item.kjennemerke !== 'XX99999')
        .map((item) => found(vehicle({ kjennemerke: withSpace(item.kjennemerke ?? '') })))
        .reverse(),
    }));
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['cu 10942', 'XX99999', 'EC-80261']);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'not_found', 'found']);
    expect(outcomes[0].kjoretoy?.kjoretoyId?.kjennemerke).toBe('CU 10942');
    expect(outcomes[2].kjoretoy?.kjoretoyId?.kjennemerke).toBe('EC 80261');
  });

  it('correlates kuid lookups by kjoretoyId.kuid', async () => {
    const { ctx, requester } = harness((call) => ({
      body: [found(vehicle({ kjennemerke: 'CU 10001', kuid: (call.body as SentItem[])[1].kuid }))],
    }));
    const outcomes = await lookupBulk(ctx, 'kuid', [' 3378119709 ', { kuid: '3378041341' }]);
    expect(requester.calls[0]).toMatchObject({
      route: '/bulk/kuid',
      body: [{ kuid: '3378119709' }, { kuid: '3378041341' }],
    });
    expect(outcomes.map((o) => o.status)).toEqual(['not_found', 'found']);
    expect(outcomes[1].kjoretoy?.kjoretoyId?.kjennemerke).toBe('CU 10001');
  });

  it('reads the object envelope { kjoretoyresponser } as well as the array', async () => {
    const { ctx } = harness((call) => ({ body: { kjoretoyresponser: register()(call).body, responskoder: [] } }));
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10942', 'EC80261']);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'found']);
  });

  it('reads a bodiless 204 as every item not found', async () => {
    const { ctx } = harness(() => ({ body: undefined, status: 204 }));
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10942', 'EC80261']);
    expect(outcomes.map((o) => o.status)).toEqual(['not_found', 'not_found']);
    expect(outcomes[0].requestId).toBe('req-1');
  });

  it('fails only the malformed element, not its neighbours', async () => {
    const { ctx } = harness(() => ({
      body: [found(vehicle({ kjennemerke: 'CU 10942' })), { kjoretoy: 42 }, notFound()],
    }));
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10942', 'EC80261', 'XX99999']);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'error', 'not_found']);
    expect(outcomes[1].error).toBeInstanceOf(ResponseFormatError);
    expect(outcomes[1].error?.code).toBe('KJR_RESPONSE_FORMAT');
    expect(outcomes[1].error?.requestId).toBe('req-1');
  });

  it('fails the whole chunk when the body is neither a list nor an object', async () => {
    const { ctx } = harness(() => ({ body: 'Service Unavailable' }));
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10942', 'EC80261']);
    expect(outcomes.map((o) => o.status)).toEqual(['error', 'error']);
    expectCoreError(outcomes[0].error, ResponseFormatError, 'KJR_RESPONSE_FORMAT');
    expect(outcomes[0].error?.requestId).toBe('req-1');
  });
});
