import type { LogFields, Logger, LogLevel } from './logger.js';
import { redactText } from './redact.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ConsoleLoggerOptions {
  level?: LogLevel;
  /** Where JSON lines go; stderr by default so stdout stays clean for data. */
  write?: (line: string) => void;
}

/**
 * A JSON-lines logger. Field values pass through `redactText` as a second line of defence:
 * core never puts secrets or identifiers in fields, but an adapter's message might.
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (ORDER[level] < threshold) return;
      const safe: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) safe[key] = typeof value === 'string' ? redactText(value, 200) : value;
      }
      write(JSON.stringify({ time: new Date().toISOString(), level, msg: redactText(message, 300), ...safe }));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
