/**
 * `kjoretoy token`: fetches a Maskinporten token with the configured key and shows who it says
 * you are (consumer, scope, expiry). The token itself is a bearer secret and is printed only with
 * `--raw`, for piping into another tool. Decoding is for diagnostics only (docs/contract.md#s2.6).
 */

import { Command } from 'commander';
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { decodeAccessToken } from '@kjoretoyregister/core';
import { readGlobalOptions } from '../global-options.js';
import { openSession, withClient, type Session } from '../session.js';
import type { CommandOutcome } from '../terminal.js';
import { UsageError } from '../usage-error.js';
import type { CommandContext } from './command-context.js';

interface TokenOptions {
  decode: boolean;
  raw: boolean;
}

/** Every header field and claim, unverified: we only read what Maskinporten told us about ourselves. */
function decodeJwtParts(token: string): { header: ProtectedHeaderParameters; claims: JWTPayload } {
  // Core's reading first: it explains a token that is not a JWT (Fiks accepts only JWT access tokens).
  decodeAccessToken(token);
  return { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
}

function write(session: Session, value: Record<string, unknown>): void {
  const { term, options } = session;
  const format = options.format ?? (term.stdout.isTTY ? 'table' : 'json');
  if (format === 'json' || format === 'ndjson') {
    term.stdout.write(`${JSON.stringify(value, null, format === 'json' ? 2 : undefined)}\n`);
    return;
  }
  if (format === 'csv') throw new UsageError('kjoretoy token prints json or table');
  const width = Math.max(...Object.keys(value).map((key) => key.length));
  for (const [key, item] of Object.entries(value)) {
    term.stdout.write(`${key.padEnd(width)}  ${typeof item === 'string' ? item : JSON.stringify(item)}\n`);
  }
}

async function runToken(session: Session, options: TokenOptions): Promise<CommandOutcome> {
  if (options.raw && options.decode) throw new UsageError('use either --raw or --decode');
  const token = await withClient(session, (client) => client.getAccessToken({ signal: session.term.signal }));
  if (options.raw) {
    session.term.stdout.write(`${token.value}\n`);
    return 'ok';
  }
  if (options.decode) {
    write(session, { ...decodeJwtParts(token.value) });
    return 'ok';
  }
  const decoded = decodeAccessToken(token.value);
  write(session, {
    ...(decoded.consumerOrg ? { consumer: `0192:${decoded.consumerOrg}`, consumerOrg: decoded.consumerOrg } : {}),
    ...(decoded.supplierOrg ? { supplierOrg: decoded.supplierOrg } : {}),
    ...(decoded.scope !== undefined ? { scope: decoded.scope } : {}),
    ...(decoded.clientId ? { clientId: decoded.clientId } : {}),
    ...(decoded.issuer ? { issuer: decoded.issuer } : {}),
    ...(decoded.issuedAt ? { issuedAt: decoded.issuedAt.toISOString() } : {}),
    ...(decoded.expiresAt ? { expiresAt: decoded.expiresAt.toISOString() } : {}),
    expiresIn: token.expiresIn,
  });
  return 'ok';
}

export function tokenCommand(context: CommandContext): Command {
  return new Command('token')
    .description(
      'fetch a Maskinporten token and show its claims (consumer, scope, expiry); never the token unless --raw',
    )
    .option('--decode', 'print every header field and claim of the token', false)
    .option('--raw', 'print the access token itself (a bearer secret: only for piping)', false)
    .action(async (options: TokenOptions, command: Command) => {
      const session = openSession(context.term, readGlobalOptions(command), context.errors);
      context.outcome = await runToken(session, options);
    });
}
