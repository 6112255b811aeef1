// Decorator metadata (`design:paramtypes`) needs the Reflect polyfill before any module loads.
import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { keyMaterialIssues } from './config/kjoretoyregister.config.js';
import { CaseSystemConfigError, type CaseSystemConfig } from './config/load-config.js';
import { crossOriginProtection, docsSecurityHeaders, noStoreForApi } from './utils/http-policies.js';

type CaseSystemAppOptions = AppModuleOptions;

interface RunningCaseSystem {
  app: INestApplication;
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
}

/** The Nest application, not yet listening: body parsing keeps the raw body for webhook signatures. */
async function createCaseSystemApp(
  config: CaseSystemConfig,
  options: CaseSystemAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    rawBody: true,
    bufferLogs: true,
    // Throw instead of process.exit, so tests and the demo see the error.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  // Before any route: a refused cross-origin request never reaches a controller.
  app.use(crossOriginProtection(config.app.publicUrl));
  app.use(noStoreForApi);
  app.use(docsSecurityHeaders);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Case system: hensatt kjøretøy')
      .setDescription(
        'Sample case system over Fiks Kjøretøyregister: signed webhooks in, asynchronous owner lookups at the observation time, an append-only audit log, signed webhooks out.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Per-user API key (csk_…)' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

/**
 * Creates the app and listens on `config.app.host:port` (port 0 picks a free one). Key material
 * that cannot be loaded fails here, as a `CaseSystemConfigError`, before anything opens.
 */
export async function startCaseSystem(
  config: CaseSystemConfig,
  options: CaseSystemAppOptions = {},
): Promise<RunningCaseSystem> {
  const keyIssues = await keyMaterialIssues(config.kjoretoyregister);
  if (keyIssues.length > 0) throw new CaseSystemConfigError(keyIssues);
  const app = await createCaseSystemApp(config, options);
  try {
    await app.listen(config.app.port, config.app.host);
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const host = config.app.host === '0.0.0.0' || config.app.host === '::' ? '127.0.0.1' : config.app.host;
  return { app, url: config.app.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` };
}
