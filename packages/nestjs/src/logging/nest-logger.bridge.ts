import type { LogFields, Logger as CoreLogger } from '@kjoretoyregister/core';
import { redactText } from '@kjoretoyregister/core';
import { Logger } from '@nestjs/common';
import { LOGGER_CONTEXT } from '../kjoretoyregister.constants.js';

/** The subset of Nest's `Logger` the bridge writes to; lets tests pass a recording logger. */
export type NestLoggerLike = Pick<Logger, 'debug' | 'log' | 'warn' | 'error'>;

/**
 * Core's logger on top of Nest's `Logger`, so lines reach whatever the app configured
 * (`ConsoleLogger`, nestjs-pino, …). Core only logs route templates, counts and ids; every string
 * still passes core's `redactText` as a second line of defence (docs/contract.md#s9.11).
 */
export function createNestLoggerBridge(logger: NestLoggerLike = new Logger(LOGGER_CONTEXT)): CoreLogger {
  const line = (message: string, fields?: LogFields): string => {
    const parts = [redactText(message, 300)];
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value === undefined) continue;
      parts.push(`${key}=${typeof value === 'string' ? JSON.stringify(redactText(value, 200)) : String(value)}`);
    }
    return parts.join(' ');
  };
  return {
    debug: (message, fields) => logger.debug(line(message, fields)),
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
  };
}
