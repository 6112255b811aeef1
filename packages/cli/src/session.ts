/**
 * Everything a command needs before it talks to anyone: the merged environment, the audit
 * context, and a client that is always closed afterwards.
 */

import { resolve } from 'node:path';
import { createKjoretoyregisterClient, type AuditContext, type KjoretoyregisterClient } from '@kjoretoyregister/core';
import { createAuditFileSink } from './audit-file-sink.js';
import { clientOptionsFrom, isProd, resolveEnvironment, secretValues, type Environment } from './config.js';
import { auditContextOf, type GlobalOptions } from './global-options.js';
import type { Terminal } from './terminal.js';

/** Shared with `main.ts`, so an error can be printed with every configured secret masked. */
export interface ErrorContext {
  debug: boolean;
  secrets: string[];
}

export interface Session {
  term: Terminal;
  options: GlobalOptions;
  env: Environment;
  errors: ErrorContext;
}

export function openSession(term: Terminal, options: GlobalOptions, errors: ErrorContext): Session {
  errors.debug = options.debug;
  const env = resolveEnvironment({ processEnv: term.env, cwd: term.cwd, envFile: options.dotenv, flags: options.raw });
  errors.secrets.push(...secretValues(env));
  return { term, options, env, errors };
}

/** The audit context for a lookup; in prod a missing part is a usage error before anything is sent. */
export function auditContext(session: Session): Partial<AuditContext> | undefined {
  return auditContextOf(session.options, isProd(session.env));
}

function createClient(session: Session): KjoretoyregisterClient {
  const auditFile = session.options.auditFile;
  return createKjoretoyregisterClient(
    clientOptionsFrom(session.env, {
      debug: session.options.debug,
      ...(auditFile ? { auditSink: createAuditFileSink(resolve(session.term.cwd, auditFile)) } : {}),
    }),
  );
}

export async function withClient<T>(session: Session, use: (client: KjoretoyregisterClient) => Promise<T>): Promise<T> {
  const client = createClient(session);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}
