import {
  AuditContextRequiredError,
  QuotaExceededError,
  ResponseFormatError,
  ValidationError,
} from '../../src/errors.js';
import { lookupUnderstellsnummer, VIN_ROUTE } from '../../src/operations/vin-lookup.js';
import { AUDIT, harness } from './support/context.js';
import { found, notFound, unavailable, vehicle } from './support/synthetic.js';
import { expectCoreError, expectRejection } from '../support/core-errors.js';

describe('lookupUnderstellsnummer (docs/contract.md#s4.2 B3, CONTRACT-ASSUMPTION (d))', () => {
  it('returns every vehicle a VIN matches, sending the normalised VIN and the dtg query', async () => {
    const { ctx, requester } = harness(() => ({
      body: [
        found(vehicle({ kjennemerke: 'CU 10942', kuid: '3378119709', understellsnummer: 'TESTDIGDIR0000016' })),
        found(vehicle({ kjennemerke: 'CU 10149', kuid: '3378000001', understellsnummer: 'TESTDIGDIR0000016' })),
      ],
    }));

    const result = await lookupUnderstellsnummer(ctx, ' testdigdir0000016 ', { dtg: '2023-06-01T10:00:00Z' });

    expect(requester.calls).toEqual([
      {
        method: 'GET',
        route: VIN_ROUTE,
        path: '/bulk/understellsnummer/TESTDIGDIR0000016',
        query: { dtg: '2023-06-01T12:00:00.000+02:00' },
        retryable: true,
        signal: undefined,
        body: undefined,
        // The id the write-ahead intent was written with (operations/audit-emitter.ts).
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ]);
    expect(result.input).toBe(' testdigdir0000016 ');
    expect(result.status).toBe('found');
    expect(result.kjoretoy.map((k) => k.kjoretoyId?.kuid)).toEqual(['3378119709', '3378000001']);
    expect(result.requestId).toBe('req-1');
  });

  it('sends no dtg when none is given', async () => {
    const { ctx, requester } = harness(() => ({ body: [] }));
    await lookupUnderstellsnummer(ctx, 'SISDINKY35995054');
    expect(requester.calls[0].query).toEqual({ dtg: undefined });
  });

  it.each([
    ['a bodiless 204', 'not_found', undefined],
    ['an empty list', 'not_found', []],
    ['only elements without kjoretoy', 'not_found', [notFound()]],
    ['elements that all carry the unavailable code', 'unavailable', [unavailable(), unavailable()]],
    ['a mix of unavailable and not found', 'not_found', [unavailable(), notFound()]],
  ])('reads %s as %s', async (_label, status, body) => {
    const { ctx } = harness(() => ({ body }));
    const result = await lookupUnderstellsnummer(ctx, 'TESTDIGDIR0000016');
    expect(result.status).toBe(status);
    expect(result.kjoretoy).toEqual([]);
  });

  it('throws ValidationError for an invalid VIN without sending, and audits the attempt', async () => {
    const { ctx, requester, sink } = harness(() => ({ body: [] }));
    const error = await lookupUnderstellsnummer(ctx, 'TEST-DIGDIR-0000016').catch((e: unknown) => e);
    expectCoreError(error, ValidationError, 'KJR_VALIDATION');
    expect((error as ValidationError).message).not.toContain('DIGDIR');
    expect(requester.calls).toHaveLength(0);
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ identifiers: [], outcome: { invalid: 1 }, errorCode: 'KJR_VALIDATION' });
  });

  it('says an empty VIN is empty, without sending', async () => {
    const { ctx, requester } = harness(() => ({ body: [] }));
    const error = await lookupUnderstellsnummer(ctx, '   ').catch((e: unknown) => e);
    expectCoreError(error, ValidationError, 'KJR_VALIDATION');
    expect((error as ValidationError).message).toBe('understellsnummer is empty');
    expect((error as ValidationError).issues).toEqual([{ path: 'understellsnummer', message: 'is empty' }]);
    expect(requester.calls).toHaveLength(0);
  });

  it('throws a malformed element as ResponseFormatError carrying the request id', async () => {
    const { ctx } = harness(() => ({ body: [found(vehicle({ kjennemerke: 'CU 10942' })), { responskoder: 'nope' }] }));
    const error = await lookupUnderstellsnummer(ctx, 'TESTDIGDIR0000016').catch((e: unknown) => e);
    expectCoreError(error, ResponseFormatError, 'KJR_RESPONSE_FORMAT');
    expect((error as ResponseFormatError).requestId).toBe('req-1');
  });

  it('rethrows a pipeline error and records it in the one audit event', async () => {
    const quota = new QuotaExceededError('Daily quota exhausted', { requestId: 'req-q', errorId: 'fiks-error-1' });
    const { ctx, sink } = harness(() => {
      throw quota;
    });
    await expect(lookupUnderstellsnummer(ctx, 'TESTDIGDIR0000016', { audit: AUDIT })).rejects.toBe(quota);
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({
      operation: 'bulk/understellsnummer',
      identifiers: ['TESTDIGDIR0000016'],
      outcome: { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 1 },
      requestIds: ['req-q'],
      errorCode: 'KJR_QUOTA_EXCEEDED',
      errorId: 'fiks-error-1',
    });
  });

  it('emits one event with the data categories of every vehicle returned', async () => {
    const { ctx, sink, logger } = harness(() => ({
      body: [found(vehicle({ kjennemerke: 'CU 10942', owner: 'person', adresse: true }))],
    }));
    await lookupUnderstellsnummer(ctx, 'TESTDIGDIR0000016', { audit: AUDIT, dtg: new Date(Date.UTC(2023, 5, 1, 10)) });
    expect(sink.events).toEqual([
      expect.objectContaining({
        ...AUDIT,
        operation: 'bulk/understellsnummer',
        identifiers: ['TESTDIGDIR0000016'],
        dtg: ['2023-06-01T12:00:00.000+02:00'],
        outcome: { found: 1, notFound: 0, unavailable: 0, invalid: 0, error: 0 },
        dataCategories: ['technical', 'owner', 'address'],
        requestIds: ['req-1'],
      }),
    ]);
    expect(logger.text()).not.toContain('TESTDIGDIR0000016');
  });

  it('checks the audit context before sending', async () => {
    const { ctx, requester } = harness(() => ({ body: [] }), { requireAuditContext: true });
    await expectRejection(
      lookupUnderstellsnummer(ctx, 'TESTDIGDIR0000016'),
      AuditContextRequiredError,
      'KJR_AUDIT_CONTEXT_REQUIRED',
    );
    expect(requester.calls).toHaveLength(0);
  });
});
