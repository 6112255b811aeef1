import { AuditContextRequiredError } from '../../src/errors.js';
import { createAuditEmitter } from '../../src/operations/audit-emitter.js';
import type { AuditEventDraft } from '../../src/operations/audit-emitter.js';
import { AUDIT, CapturingLogger, FIKS_ORG_ID, MemoryAuditSink } from './support/context.js';

const draft: AuditEventDraft = {
  operation: 'bulk/kjennemerke',
  identifiers: ['CU10942'],
  outcome: { found: 1, notFound: 0, unavailable: 0, invalid: 0, error: 0 },
  dataCategories: ['technical'],
  requestIds: ['req-1'],
};
const clock = { now: () => Date.UTC(2024, 0, 2, 3, 4, 5, 6) };

describe('createAuditEmitter', () => {
  it('merges the call context over the default and stamps time and org', async () => {
    const sink = new MemoryAuditSink();
    const emitter = createAuditEmitter({
      sink,
      requireAuditContext: true,
      defaultContext: { actor: 'integrasjon-a', legalBasis: 'vegtrafikkloven § 37' },
      fiksOrgId: FIKS_ORG_ID,
      logger: new CapturingLogger(),
      clock,
    });
    const context = emitter.check({ purpose: 'HENSATT_KJORETOY', caseRef: 'SAK-9' });
    await emitter.emit(context, draft);
    expect(sink.events).toEqual([
      {
        timestamp: '2024-01-02T03:04:05.006Z',
        actor: 'integrasjon-a',
        purpose: 'HENSATT_KJORETOY',
        legalBasis: 'vegtrafikkloven § 37',
        caseRef: 'SAK-9',
        fiksOrgId: FIKS_ORG_ID,
        ...draft,
        auditIds: [],
      },
    ]);
  });

  it('lists every missing field when the context is required', () => {
    const emitter = createAuditEmitter({
      requireAuditContext: true,
      fiksOrgId: FIKS_ORG_ID,
      logger: new CapturingLogger(),
    });
    let caught: unknown;
    try {
      emitter.check({ actor: '' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AuditContextRequiredError);
    expect(caught).toMatchObject({ code: 'KJR_AUDIT_CONTEXT_REQUIRED', missing: ['actor', 'purpose', 'legalBasis'] });
    expect(emitter.check(AUDIT)).toEqual(AUDIT);
  });

  it('does not require a context unless configured', () => {
    const emitter = createAuditEmitter({
      requireAuditContext: false,
      fiksOrgId: FIKS_ORG_ID,
      logger: new CapturingLogger(),
    });
    expect(emitter.check(undefined)).toEqual({});
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('disk full: CU10942');
      },
    ],
    ['rejects', () => Promise.reject(new TypeError('db down: CU10942'))],
  ])('never fails the call when the sink %s, and warns without identifiers', async (_label, write) => {
    const logger = new CapturingLogger();
    const emitter = createAuditEmitter({
      sink: { write },
      requireAuditContext: false,
      fiksOrgId: FIKS_ORG_ID,
      logger,
      clock,
    });
    await expect(emitter.emit(AUDIT, draft)).resolves.toBeUndefined();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ level: 'warn', fields: { operation: 'bulk/kjennemerke' } });
    expect(logger.text()).not.toContain('CU10942');
  });
});
