import type { AuditCompletion, AuditEvent, AuditIntent } from '@kjoretoyregister/core';
import { createLoggerAuditSink } from './logger-audit.sink.js';

const event: AuditEvent = {
  timestamp: '2025-01-02T03:04:05.000Z',
  actor: 'saksbehandler-17',
  purpose: 'HENSATT_KJORETOY',
  legalBasis: 'vegtrafikkloven § 37',
  caseRef: 'SAK-2025-1',
  fiksOrgId: '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01',
  operation: 'sok/fodselsnummer',
  identifiers: ['01818010083'],
  query: { fodselsnummer: '01818010083', antall: '50' },
  outcome: { found: 2, notFound: 0, unavailable: 0, invalid: 0, error: 0 },
  dataCategories: ['technical', 'owner'],
  requestIds: ['req-1'],
  auditIds: ['audit-1'],
};

describe('createLoggerAuditSink', () => {
  it('logs who, why and the outcome, but neither the identifiers nor the search values', () => {
    const lines: string[] = [];
    createLoggerAuditSink({ log: (message: unknown) => void lines.push(String(message)) }).write(event);

    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toContain('operation="sok/fodselsnummer"');
    expect(line).toContain('actor="saksbehandler-17"');
    expect(line).toContain('purpose="HENSATT_KJORETOY"');
    expect(line).toContain('caseRef="SAK-2025-1"');
    expect(line).toContain('identifiers=1');
    expect(line).toContain('queryFields="antall,fodselsnummer"');
    expect(line).toContain('found=2');
    expect(line).not.toContain('01818010083');
  });

  it('logs both write-ahead phases by audit id, without the identifiers or search values', async () => {
    const lines: string[] = [];
    const sink = createLoggerAuditSink({ log: (message: unknown) => void lines.push(String(message)) });
    const intent: AuditIntent = {
      phase: 'intent',
      auditId: 'audit-1',
      requestId: 'req-1',
      timestamp: event.timestamp,
      actor: 'saksbehandler-17',
      purpose: 'HENSATT_KJORETOY',
      legalBasis: 'vegtrafikkloven § 37',
      fiksOrgId: event.fiksOrgId,
      operation: 'sok/fodselsnummer',
      identifiers: ['01818010083'],
      query: { fodselsnummer: '01818010083' },
    };
    const completion: AuditCompletion = {
      phase: 'completed',
      auditId: 'audit-1',
      requestId: 'req-1',
      timestamp: event.timestamp,
      fiksOrgId: event.fiksOrgId,
      operation: 'sok/fodselsnummer',
      outcome: { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 1 },
      dataCategories: [],
      errorCode: 'KJR_UPSTREAM',
    };
    await sink.begin?.(intent);
    await sink.complete?.(completion);

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^kjoretoyregister request intent auditId="audit-1" requestId="req-1"/);
    expect(lines[0]).toContain('actor="saksbehandler-17"');
    expect(lines[0]).toContain('queryFields="fodselsnummer"');
    expect(lines[1]).toMatch(/^kjoretoyregister request completed auditId="audit-1"/);
    expect(lines[1]).toContain('errorCode="KJR_UPSTREAM"');
    expect(lines.join('\n')).not.toContain('01818010083');
  });
});
