import { Logger } from 'nestjs-pino';
import { startCaseSystem } from './create-app.js';
import { CaseSystemConfigError, loadConfig } from './config/load-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof CaseSystemConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, url } = await startCaseSystem(config);
  const logger = app.get(Logger);
  // SIGTERM/SIGINT: stop taking requests, let the workers finish their jobs, close the database,
  // and exit 0, as a container orchestrator expects from a clean stop.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log({ msg: 'Case system stopping', signal });
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  logger.log({ msg: 'Case system listening', url, docs: `${url}/docs`, database: config.database.kind });
}

main().catch((error: unknown) => {
  // The key material is checked as the app starts; its problems read like the other config errors.
  if (error instanceof CaseSystemConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `Case system failed to start: ${error instanceof Error ? error.name + ': ' + error.message : 'unknown error'}\n`,
  );
  process.exit(1);
});
