/**
 * Pluggable structured logger. Core only ever logs route templates, status codes, counts,
 * durations and ids, never bodies, headers with secrets, identifiers or tokens (docs/contract.md#s9.11 and
 * docs/contract.md#s9.12).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
