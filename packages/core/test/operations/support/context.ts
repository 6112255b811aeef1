import type { AuditEvent, AuditSink } from '../../../src/observability/audit.js';
import type { LogFields, Logger } from '../../../src/observability/logger.js';
import { createAuditEmitter } from '../../../src/operations/audit-emitter.js';
import {
  createOperationContext,
  type OperationContext,
  type OperationContextInit,
} from '../../../src/operations/context.js';
import { RecordingRequester, type Handler } from './recording-requester.js';

export const FIKS_ORG_ID = '11111111-2222-4333-8444-555555555555';
export const AUDIT = { actor: 'saksbehandler-1', purpose: 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' };

export class MemoryAuditSink implements AuditSink {
  readonly events: AuditEvent[] = [];
  write(event: AuditEvent): void {
    this.events.push(event);
  }
}

export class CapturingLogger implements Logger {
  readonly lines: { level: string; message: string; fields?: LogFields }[] = [];
  debug = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'debug', message, fields });
  info = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'info', message, fields });
  warn = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'warn', message, fields });
  error = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'error', message, fields });
  text(): string {
    return JSON.stringify(this.lines);
  }
}

export interface Harness {
  ctx: OperationContext;
  requester: RecordingRequester;
  sink: MemoryAuditSink;
  logger: CapturingLogger;
}

export function harness(
  handler: Handler,
  overrides: Omit<Partial<OperationContextInit>, 'requester'> & { requireAuditContext?: boolean } = {},
): Harness {
  const { requireAuditContext = false, ...init } = overrides;
  const requester = new RecordingRequester(handler);
  const sink = new MemoryAuditSink();
  const logger = new CapturingLogger();
  const ctx = createOperationContext({
    requester,
    fiksOrgId: FIKS_ORG_ID,
    logger,
    audit: createAuditEmitter({
      sink,
      requireAuditContext,
      fiksOrgId: FIKS_ORG_ID,
      logger,
      clock: { now: () => Date.UTC(2024, 5, 1, 10, 0, 0) },
    }),
    ...init,
  });
  return { ctx, requester, sink, logger };
}
