import { AUDIT_SINK } from '@kjoretoyregister/nestjs';
import { Module } from '@nestjs/common';
import { OppslagLoggSink } from './audit.sink.js';

/** Given to `KjoretoyregisterModule.forRootAsync({ imports })`, so the module's client writes here. */
@Module({
  providers: [OppslagLoggSink, { provide: AUDIT_SINK, useExisting: OppslagLoggSink }],
  exports: [AUDIT_SINK],
})
export class AuditModule {}
