/**
 * Errors as one clear line: what failed, the codes support asks for, and what to do. Stack traces
 * only with `--debug`. Secrets never: configured passwords are masked wherever they appear, and
 * anything shaped like a token or a fødselsnummer is masked too (a second line of defence; core
 * keeps them out of messages already).
 */

import { ConfigurationError, KjoretoyregisterError, MaskinportenError, ValidationError } from '@kjoretoyregister/core';
import { cliHint } from '../hints.js';

const JWT = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const FODSELSNUMMER = /\b\d{6}\s?\d{5}\b/g;

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join('***');
  return masked.replace(JWT, '[token]').replace(FODSELSNUMMER, '[fnr]');
}

/** The support references an error carries, e.g. `KJR_FORBIDDEN, errorId 3389…`. */
export function references(error: KjoretoyregisterError): string {
  return [
    error.code,
    error instanceof MaskinportenError && error.mpCode ? error.mpCode : undefined,
    error.status !== undefined ? `status ${error.status}` : undefined,
    error.errorId ? `errorId ${error.errorId}` : undefined,
    error.svvguid ? `svvguid ${error.svvguid}` : undefined,
    error.requestId ? `requestId ${error.requestId}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

export function describeError(error: unknown): string {
  if (error instanceof ConfigurationError) {
    return `invalid configuration: ${error.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`;
  }
  if (error instanceof ValidationError && error.issues.length > 0 && error.status === undefined) {
    return error.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  }
  if (error instanceof KjoretoyregisterError) {
    const codes = error instanceof ValidationError ? error.responskoder.map((r) => r.kode).join(', ') : '';
    return `${error.message}${codes ? ` (responskoder: ${codes})` : ''} [${references(error)}]`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export interface RenderErrorOptions {
  debug: boolean;
  secrets: readonly string[];
}

/** `kjoretoy: <what> — <what to do>`, plus the stack and causes with `--debug`. */
export function renderError(error: unknown, options: RenderErrorOptions): string {
  const hint = cliHint(error);
  let text = `kjoretoy: ${describeError(error)}${hint ? ` — ${hint}` : ''}\n`;
  if (options.debug) {
    let current: unknown = error;
    while (current instanceof Error) {
      text += `${current.stack ?? current.message}\n`;
      current = current.cause;
      if (current !== undefined) text += 'Caused by: ';
    }
  }
  return maskSecrets(text, options.secrets);
}
