import type { AuditSink, KjoretoyregisterClient, Transport } from '@kjoretoyregister/core';
import { ConfigurationError, createKjoretoyregisterClient } from '@kjoretoyregister/core';
import type { FactoryProvider } from '@nestjs/common';
import { createLoggerAuditSink } from './audit/logger-audit.sink.js';
import { HttpServiceTransport } from './http-service.transport.js';
import { AUDIT_SINK, KJORETOYREGISTER_CLIENT } from './kjoretoyregister.constants.js';
import { KJORETOYREGISTER_MODULE_OPTIONS } from './kjoretoyregister.module-definition.js';
import {
  splitModuleOptions,
  type KjoretoyregisterModuleOptions,
  type TransportAdapter,
} from './kjoretoyregister-module-options.interface.js';
import { createNestLoggerBridge } from './logging/nest-logger.bridge.js';

const TRANSPORT_ADAPTERS: readonly TransportAdapter[] = ['http-service', 'fetch'];

/**
 * Builds the core client once, at bootstrap, so wrong options fail the app's start with core's
 * `ConfigurationError` listing every problem. Injectables given in the options win; otherwise the
 * module plugs in HttpService, the Nest logger and the app's `AUDIT_SINK` (or the logger sink).
 */
function createKjoretoyregisterClientFromModule(
  options: KjoretoyregisterModuleOptions,
  httpServiceTransport: HttpServiceTransport,
  auditSink: AuditSink | undefined,
): KjoretoyregisterClient {
  const { client, extras } = splitModuleOptions(options);
  const adapter = extras.transportAdapter ?? 'http-service';
  if (!TRANSPORT_ADAPTERS.includes(adapter)) {
    throw new ConfigurationError([
      { path: 'transportAdapter', message: `must be one of ${TRANSPORT_ADAPTERS.join(', ')}` },
    ]);
  }
  // `undefined` lets core create (and later close) its own fetch transport.
  const transport: Transport | undefined =
    client.transport ?? (adapter === 'http-service' ? httpServiceTransport : undefined);
  return createKjoretoyregisterClient({
    ...client,
    transport,
    logger: client.logger ?? createNestLoggerBridge(),
    auditSink: client.auditSink ?? auditSink ?? createLoggerAuditSink(),
  });
}

export const kjoretoyregisterClientProvider: FactoryProvider<KjoretoyregisterClient> = {
  provide: KJORETOYREGISTER_CLIENT,
  inject: [KJORETOYREGISTER_MODULE_OPTIONS, HttpServiceTransport, { token: AUDIT_SINK, optional: true }],
  useFactory: createKjoretoyregisterClientFromModule,
};
