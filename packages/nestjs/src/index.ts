// Decorator metadata (`design:paramtypes`) needs the Reflect polyfill before any class below loads.
import 'reflect-metadata';

export { KjoretoyregisterModule } from './kjoretoyregister.module.js';
export {
  KJORETOYREGISTER_MODULE_OPTIONS,
  type KjoretoyregisterModuleAsyncOptions,
  type KjoretoyregisterModuleRootOptions,
} from './kjoretoyregister.module-definition.js';
export type {
  AuditRequestOptions,
  KjoretoyregisterModuleExtras,
  KjoretoyregisterModuleOptions,
  TransportAdapter,
} from './kjoretoyregister-module-options.interface.js';
export { AUDIT_SINK, KJORETOYREGISTER_CLIENT } from './kjoretoyregister.constants.js';
export { KjoretoyregisterService } from './kjoretoyregister.service.js';
export { fromEnv, type ConfigReader } from './from-env.js';
export { HttpServiceTransport } from './http-service.transport.js';
export { KjoretoyregisterAudit, type KjoretoyregisterAuditOptions } from './audit/kjoretoyregister-audit.decorator.js';
export { KjoretoyregisterAuditInterceptor } from './audit/audit.interceptor.js';
export { AuditContextStorage } from './audit/audit-context.storage.js';
export { defaultActorOf } from './audit/audit-request.js';
export { createLoggerAuditSink } from './audit/logger-audit.sink.js';
export { createNestLoggerBridge } from './logging/nest-logger.bridge.js';
export { KjoretoyregisterExceptionFilter } from './kjoretoyregister-exception.filter.js';
export { toHttpError, type KjoretoyregisterHttpError } from './kjoretoyregister-error.http.js';
