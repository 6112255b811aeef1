/**
 * Options every command accepts: output shape, audit context, configuration sources. They are
 * declared once on the root command; commander accepts them before or after the subcommand.
 */

import { Command, Option } from 'commander';
import type { AuditContext } from '@kjoretoyregister/core';
import { CONFIG_FLAGS } from './config.js';
import { UsageError } from './usage-error.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export const FELTER = ['teknisk', 'eier', 'full'] as const;
export type Felter = (typeof FELTER)[number];

export interface GlobalOptions {
  /** Absent when the user gave none: the command picks (table on a TTY, JSON otherwise). */
  format?: Format;
  felter: Felter;
  medFodselsnummer: boolean;
  aktor?: string;
  formal?: string;
  hjemmel?: string;
  saksnummer?: string;
  auditFil?: string;
  envFil?: string;
  debug: boolean;
  /** Every parsed option, including the configuration flags (`CONFIG_FLAGS`). */
  raw: Readonly<Record<string, unknown>>;
}

export function addGlobalOptions(program: Command): Command {
  program
    .optionsGroup('Output:')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: table on a terminal, json otherwise)').choices(
        FORMATS,
      ),
    )
    .addOption(
      new Option('--felter <felter>', 'which data: technical summary, owners for a notice, or the whole vehicle')
        .choices(FELTER)
        .default('teknisk'),
    )
    .option('--med-fodselsnummer', 'keep fødselsnummer in eier/full output (removed by default)', false)
    .optionsGroup('Audit context (required with KJORETOY_ENV=prod):')
    .option('--aktor <aktor>', 'who asks (user or service name)')
    .option('--formal <formal>', 'why, e.g. HENSATT_KJORETOY')
    .option('--hjemmel <hjemmel>', 'legal basis, e.g. "vegtrafikkloven § 37"')
    .option('--saksnummer <saksnummer>', 'case reference in your own system')
    .option('--audit-fil <fil>', 'append one JSON audit event per call to this file')
    .optionsGroup('Configuration (flags > environment > .env):')
    .option('--env-fil <fil>', 'read variables from this file instead of ./.env');
  for (const { flag, description } of CONFIG_FLAGS) program.option(flag, description);
  program.optionsGroup('Diagnostics:').option('--debug', 'log requests (never secrets) and print stack traces', false);
  return program;
}

export function readGlobalOptions(command: Command): GlobalOptions {
  const raw = command.optsWithGlobals<Record<string, unknown>>();
  const text = (key: string): string | undefined => {
    const value = raw[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  return {
    format: text('format') as Format | undefined,
    felter: (text('felter') ?? 'teknisk') as Felter,
    medFodselsnummer: raw['medFodselsnummer'] === true,
    aktor: text('aktor'),
    formal: text('formal'),
    hjemmel: text('hjemmel'),
    saksnummer: text('saksnummer'),
    auditFil: text('auditFil'),
    envFil: text('envFil'),
    debug: raw['debug'] === true,
    raw,
  };
}

/** The audit context from the flags; in prod the three mandatory parts must all be there. */
export function auditContextOf(options: GlobalOptions, required: boolean): Partial<AuditContext> | undefined {
  const context: Partial<AuditContext> = {
    ...(options.aktor ? { actor: options.aktor } : {}),
    ...(options.formal ? { purpose: options.formal } : {}),
    ...(options.hjemmel ? { legalBasis: options.hjemmel } : {}),
    ...(options.saksnummer ? { caseRef: options.saksnummer } : {}),
  };
  if (required) {
    const missing = [
      options.aktor ? undefined : '--aktor',
      options.formal ? undefined : '--formal',
      options.hjemmel ? undefined : '--hjemmel',
    ].filter((flag): flag is string => flag !== undefined);
    if (missing.length > 0) {
      throw new UsageError(`with KJORETOY_ENV=prod every lookup needs an audit context: missing ${missing.join(', ')}`);
    }
  }
  return Object.keys(context).length > 0 ? context : undefined;
}
