import { AuditContextRequiredError, TransportError, ValidationError } from '../../src/errors.js';
import { lookupBulk } from '../../src/operations/bulk-lookup.js';
import type { BulkInput } from '../../src/operations/bulk-input.js';
import { register, sent } from './support/bulk-register.js';
import { AUDIT, harness } from './support/context.js';
import { found, notFound, syntheticFodselsnummer, unavailable, vehicle, withSpace } from './support/synthetic.js';
import { expectCoreError, expectRejection } from '../support/core-errors.js';

describe('lookupBulk: dtg, options and concurrency', () => {
  it('applies an item dtg over the call dtg and omits dtg when neither is set', async () => {
    const { ctx, requester } = harness(register());
    await lookupBulk(ctx, 'kjennemerke', [{ kjennemerke: 'CU10942', dtg: '2024-03-31T01:00:00Z' }, 'EC80261'], {
      dtg: new Date(Date.UTC(2018, 10, 15, 22, 0, 0)),
    });
    await lookupBulk(ctx, 'kjennemerke', ['EC80261']);
    expect(sent(requester.calls[0])).toEqual([
      { kjennemerke: 'CU10942', dtg: '2024-03-31T03:00:00.000+02:00' },
      { kjennemerke: 'EC80261', dtg: '2018-11-15T23:00:00.000+01:00' },
    ]);
    expect(sent(requester.calls[1])).toEqual([{ kjennemerke: 'EC80261' }]);
  });

  it('makes an item with an invalid dtg invalid, naming the item and field', async () => {
    const { ctx, requester } = harness(register());
    const outcomes = await lookupBulk(ctx, 'kjennemerke', [
      'EC80261',
      { kjennemerke: '!', dtg: '2023-06-01T12:00:00' },
    ]);
    expect(outcomes[1].status).toBe('invalid');
    expect((outcomes[1].error as ValidationError).issues.map((i) => i.path)).toEqual([
      'items[1].kjennemerke',
      'items[1].dtg',
    ]);
    expect(sent(requester.calls[0])).toEqual([{ kjennemerke: 'EC80261' }]);
  });

  it('throws for an invalid call-level dtg and for items that are not an array, before sending', async () => {
    const { ctx, requester } = harness(register());
    await expectRejection(
      lookupBulk(ctx, 'kjennemerke', ['CU10942'], { dtg: '2023-06-01' }),
      ValidationError,
      'KJR_VALIDATION',
    );
    const notArray = await expectRejection(
      lookupBulk(ctx, 'kjennemerke', 'CU10942' as unknown as BulkInput[]),
      ValidationError,
      'KJR_VALIDATION',
    );
    expect(notArray.message).toContain('items must be an array');
    expect(requester.calls).toHaveLength(0);
  });

  it('passes retryBulkPost through as the call being retryable', async () => {
    const { ctx, requester } = harness(register(), { retryBulkPost: true });
    await lookupBulk(ctx, 'kjennemerke', ['CU10942']);
    expect(requester.calls[0].retryable).toBe(true);
  });

  it('keeps at most `concurrency` chunks in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const answer = register();
    const { ctx, requester } = harness(
      async (call) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        for (let i = 0; i < 5; i++) await Promise.resolve();
        inFlight--;
        return answer(call);
      },
      { maxBulkSize: 1, concurrency: 2 },
    );
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10001', 'CU10002', 'CU10003', 'CU10004', 'CU10005']);
    expect(requester.calls).toHaveLength(5);
    expect(maxInFlight).toBe(2);
    expect(outcomes.every((o) => o.status === 'found')).toBe(true);
  });

  it('reports progress after each chunk, counting invalid items as done', async () => {
    const { ctx } = harness(register(), { maxBulkSize: 2, concurrency: 1 });
    const progress: [number, number][] = [];
    await lookupBulk(ctx, 'kjennemerke', ['CU10001', '!', 'CU10002', 'CU10003', 'cu10003'], {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [3, 5],
      [5, 5],
    ]);
  });

  it('sends no further chunk once the signal is aborted', async () => {
    const controller = new AbortController();
    const answer = register();
    const { ctx, requester } = harness(
      (call) => {
        controller.abort();
        return answer(call);
      },
      { maxBulkSize: 1, concurrency: 1 },
    );
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10001', 'CU10002'], { signal: controller.signal });
    expect(requester.calls).toHaveLength(1);
    expect(requester.calls[0].signal).toBe(controller.signal);
    expect(outcomes[0].status).toBe('found');
    expect(outcomes[1].status).toBe('error');
    expectCoreError(outcomes[1].error, TransportError, 'KJR_TRANSPORT');
    expect((outcomes[1].error as TransportError).failure).toBe('aborted');
  });
});

describe('lookupBulk: audit (docs/contract.md#s9.11)', () => {
  it('emits one event per call, not per chunk, with identifiers, dtg, counts and categories', async () => {
    const fodselsnummer = syntheticFodselsnummer(1, 1, 1970);
    const { ctx, sink, logger } = harness(
      (call) => ({
        body: sent(call).map((item) => {
          if (item.kjennemerke === 'XX99999') return notFound();
          if (item.kjennemerke === 'CU11306') return unavailable();
          return found(
            vehicle({ kjennemerke: withSpace(item.kjennemerke ?? ''), owner: 'person', adresse: true, fodselsnummer }),
          );
        }),
      }),
      { maxBulkSize: 2 },
    );

    await lookupBulk(
      ctx,
      'kjennemerke',
      ['cu 10942', { kjennemerke: 'XX99999', dtg: '2023-06-01T10:00:00Z' }, 'CU11306', 'CU10942', '!'],
      { audit: { ...AUDIT, caseRef: 'SAK-1' } },
    );

    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toEqual({
      timestamp: '2024-06-01T10:00:00.000Z',
      ...AUDIT,
      caseRef: 'SAK-1',
      fiksOrgId: ctx.fiksOrgId,
      operation: 'bulk/kjennemerke',
      identifiers: ['CU10942', 'XX99999', 'CU11306'],
      dtg: ['2023-06-01T12:00:00.000+02:00'],
      outcome: { found: 2, notFound: 1, unavailable: 1, invalid: 1, error: 0 },
      dataCategories: ['technical', 'owner', 'address', 'fodselsnummer'],
      requestIds: ['req-1', 'req-2'],
      // One write-ahead intent per chunk.
      auditIds: [expect.any(String), expect.any(String)],
    });
    // Logs carry counts, never plates or fødselsnummer.
    expect(logger.text()).not.toMatch(/CU ?10942|XX99999|CU11306/);
    expect(logger.text()).not.toContain(fodselsnummer);
  });

  it('reports only technical data for an organisation-owned vehicle without address', async () => {
    const { ctx, sink } = harness((call) => ({
      body: sent(call).map((item) => found(vehicle({ kjennemerke: withSpace(item.kjennemerke ?? ''), owner: 'none' }))),
    }));
    await lookupBulk(ctx, 'kjennemerke', ['CU10942']);
    expect(sink.events[0].dataCategories).toEqual(['technical']);
  });

  it('throws AuditContextRequiredError listing missing fields before any request is sent', async () => {
    const { ctx, requester, sink } = harness(register(), { requireAuditContext: true });
    const error = await lookupBulk(ctx, 'kjennemerke', ['CU10942'], {
      audit: { actor: 'saksbehandler-1', purpose: ' ' },
    }).catch((e: unknown) => e);
    expectCoreError(error, AuditContextRequiredError, 'KJR_AUDIT_CONTEXT_REQUIRED');
    expect((error as AuditContextRequiredError).missing).toEqual(['purpose', 'legalBasis']);
    expect(requester.calls).toHaveLength(0);
    expect(sink.events).toHaveLength(0);
  });
});
