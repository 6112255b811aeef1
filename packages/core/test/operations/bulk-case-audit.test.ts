import { UpstreamError } from '../../src/errors.js';
import type { AuditCompletion, AuditEvent, AuditIntent, AuditSink } from '../../src/observability/audit.js';
import { createAuditEmitter } from '../../src/operations/audit-emitter.js';
import { lookupBulk } from '../../src/operations/bulk-lookup.js';
import { createOperationContext } from '../../src/operations/context.js';
import { register, sent } from './support/bulk-register.js';
import { AUDIT, CapturingLogger, FIKS_ORG_ID } from './support/context.js';
import { RecordingRequester, type Handler } from './support/recording-requester.js';

// A bulk call for several of the caller's cases (items with their own `caseRef`): each register
// request's intent and completion say which identifiers, and which outcomes, belong to which case.

class PhaseSink implements AuditSink {
  readonly intents: AuditIntent[] = [];
  readonly completions: AuditCompletion[] = [];
  readonly events: AuditEvent[] = [];
  begin(intent: AuditIntent): void {
    this.intents.push(intent);
  }
  complete(completion: AuditCompletion): void {
    this.completions.push(completion);
  }
  write(event: AuditEvent): void {
    this.events.push(event);
  }
}

function setup(handler: Handler, maxBulkSize = 100) {
  const requester = new RecordingRequester(handler);
  const sink = new PhaseSink();
  const logger = new CapturingLogger();
  const ctx = createOperationContext({
    requester,
    fiksOrgId: FIKS_ORG_ID,
    logger,
    maxBulkSize,
    audit: createAuditEmitter({ sink, requireAuditContext: true, fiksOrgId: FIKS_ORG_ID, logger }),
  });
  return { ctx, requester, sink };
}

const NONE = { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 0 };

describe('lookupBulk: per-case audit parts', () => {
  it('splits one request into a part per case, with its own identifiers, dtg and outcome, sharing the request id', async () => {
    const { ctx, requester, sink } = setup(register({ missing: new Set(['EC80261']) }));
    const outcomes = await lookupBulk(
      ctx,
      'kjennemerke',
      [
        { kjennemerke: 'CU10942', dtg: '2024-03-01T10:00:00Z', caseRef: 'SAK-1' },
        { kjennemerke: 'EC80261', dtg: '2024-03-02T10:00:00Z', caseRef: 'SAK-2' },
        // The same plate and dtg for another case is sent once and belongs to both.
        { kjennemerke: 'cu 10942', dtg: '2024-03-01T10:00:00Z', caseRef: 'SAK-3' },
        { kjennemerke: 'not a plate!', caseRef: 'SAK-4' },
      ],
      { audit: AUDIT },
    );

    expect(outcomes.map((o) => o.status)).toEqual(['found', 'not_found', 'found', 'invalid']);
    expect(requester.calls).toHaveLength(1);
    expect(sent(requester.calls[0])).toHaveLength(2);
    const [intent] = sink.intents;
    expect(intent?.cases).toEqual([
      {
        auditId: expect.any(String),
        caseRef: 'SAK-1',
        identifiers: ['CU10942'],
        dtg: ['2024-03-01T11:00:00.000+01:00'],
      },
      {
        auditId: expect.any(String),
        caseRef: 'SAK-3',
        identifiers: ['CU10942'],
        dtg: ['2024-03-01T11:00:00.000+01:00'],
      },
      {
        auditId: expect.any(String),
        caseRef: 'SAK-2',
        identifiers: ['EC80261'],
        dtg: ['2024-03-02T11:00:00.000+01:00'],
      },
    ]);
    const partIds = intent?.cases?.map((part) => part.auditId) ?? [];
    expect(new Set([...partIds, intent?.auditId]).size).toBe(4);

    const [completion] = sink.completions;
    expect(completion).toMatchObject({ auditId: intent?.auditId, requestId: intent?.requestId });
    expect(completion?.outcome).toEqual({ ...NONE, found: 1, notFound: 1 });
    expect(completion?.cases).toEqual([
      { auditId: partIds[0], caseRef: 'SAK-1', outcome: { ...NONE, found: 1 }, dataCategories: expect.any(Array) },
      { auditId: partIds[1], caseRef: 'SAK-3', outcome: { ...NONE, found: 1 }, dataCategories: expect.any(Array) },
      { auditId: partIds[2], caseRef: 'SAK-2', outcome: { ...NONE, notFound: 1 }, dataCategories: [] },
    ]);
    expect(completion?.cases?.[0]?.dataCategories).toContain('owner');
  });

  it('gives each chunk its own parts, so a case is audited only in the request that carried it', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ kjennemerke: `CU1000${i}`, caseRef: `SAK-${i}` }));
    const run = setup(register(), 2);
    await lookupBulk(run.ctx, 'kjennemerke', items, { audit: AUDIT });
    expect(run.sink.intents.map((intent) => intent.cases?.map((part) => part.caseRef))).toEqual([
      ['SAK-0', 'SAK-1'],
      ['SAK-2', 'SAK-3'],
      ['SAK-4'],
    ]);
    expect(run.sink.completions.map((c) => c.cases?.map((part) => part.auditId))).toEqual(
      run.sink.intents.map((intent) => intent.cases?.map((part) => part.auditId)),
    );
  });

  it('puts items without their own caseRef under the call’s, and a failed request fails every part', async () => {
    const { ctx, sink } = setup(() => {
      throw new UpstreamError('Upstream answered 503', { status: 503, requestId: 'req-fail' });
    });
    const outcomes = await lookupBulk(ctx, 'kjennemerke', [{ kjennemerke: 'CU10942', caseRef: 'SAK-1' }, 'EC80261'], {
      audit: { ...AUDIT, caseRef: 'BATCH' },
    });
    expect(outcomes.map((o) => o.status)).toEqual(['error', 'error']);
    expect(sink.intents[0]?.cases?.map((part) => [part.caseRef, part.identifiers])).toEqual([
      ['SAK-1', ['CU10942']],
      ['BATCH', ['EC80261']],
    ]);
    expect(sink.completions[0]?.cases?.map((part) => [part.caseRef, part.outcome.error, part.errorCode])).toEqual([
      ['SAK-1', 1, 'KJR_UPSTREAM'],
      ['BATCH', 1, 'KJR_UPSTREAM'],
    ]);
  });

  it('leaves the intent without parts when no item names a case, and refuses a blank caseRef as an invalid item', async () => {
    const { ctx, sink } = setup(register());
    const outcomes = await lookupBulk(ctx, 'kjennemerke', ['CU10942', { kjennemerke: 'EC80261', caseRef: ' ' }], {
      audit: AUDIT,
    });
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'invalid']);
    expect(outcomes[1]?.error?.message).toContain('items[1].caseRef');
    expect(sink.intents[0]?.cases).toBeUndefined();
    expect(sink.completions[0]?.cases).toBeUndefined();
  });
});
