import { AUDIT_SINK } from '@kjoretoyregister/nestjs';
import { Module } from '@nestjs/common';
import { AuditLogSink } from './audit.sink.js';

/** Given to `KjoretoyregisterModule.forRootAsync({ imports })`, so the module's client writes here. */
@Module({
  providers: [AuditLogSink, { provide: AUDIT_SINK, useExisting: AuditLogSink }],
  exports: [AUDIT_SINK],
})
export class AuditModule {}
