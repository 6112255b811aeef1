/**
 * Options every command accepts: output shape, audit context, configuration sources. They are
 * declared once on the root command; commander accepts them before or after the subcommand.
 */

import { Command, Option } from 'commander';
import type { AuditContext } from '@kjoretoyregister/core';
import { CONFIG_FLAGS } from './config.js';
import { givenValue, renamedOption } from './renamed-flags.js';
import { UsageError } from './usage-error.js';

const FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** The projections of `--fields`; the values are the names of core's projections, so they stay Norwegian. */
const FIELD_SETS = ['teknisk', 'eier', 'full'] as const;
export type FieldSet = (typeof FIELD_SETS)[number];

export interface GlobalOptions {
  /** Absent when the user gave none: the command picks (table on a TTY, JSON otherwise). */
  format?: Format;
  fields: FieldSet;
  includeFodselsnummer: boolean;
  actor?: string;
  purpose?: string;
  legalBasis?: string;
  saksnummer?: string;
  auditFile?: string;
  dotenv?: string;
  debug: boolean;
  /** Every parsed option, including the configuration flags (`CONFIG_FLAGS`). */
  raw: Readonly<Record<string, unknown>>;
}

/** The audit flags by the part of the audit context they fill, for "missing …" messages. */
const AUDIT_FLAGS = { actor: '--actor', purpose: '--purpose', legalBasis: '--legal-basis' } as const;

export function addGlobalOptions(program: Command): Command {
  const fields = new Option(
    '--fields <set>',
    'which data: technical summary, owners for a notice, or the whole vehicle',
  )
    .choices(FIELD_SETS)
    .default('teknisk');
  const includeFodselsnummer = new Option(
    '--include-fodselsnummer',
    'keep fødselsnummer in eier/full output (removed by default)',
  ).default(false);
  const actor = new Option('--actor <actor>', 'who asks (user or service name)');
  const purpose = new Option('--purpose <purpose>', 'why, e.g. HENSATT_KJORETOY');
  const legalBasis = new Option('--legal-basis <basis>', 'legal basis, e.g. "vegtrafikkloven § 37"');
  const auditFile = new Option('--audit-file <file>', 'append one JSON audit event per call to this file');
  const dotenv = new Option('--dotenv <file>', 'read variables from this file instead of ./.env');
  program
    .optionsGroup('Output:')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: table on a terminal, json otherwise)').choices(
        FORMATS,
      ),
    )
    .addOption(fields)
    .addOption(includeFodselsnummer)
    .optionsGroup('Audit context (required with KJORETOY_ENV=prod):')
    .addOption(actor)
    .addOption(purpose)
    .addOption(legalBasis)
    .option('--saksnummer <saksnummer>', 'case reference in your own system')
    .addOption(auditFile)
    .optionsGroup('Configuration (flags > environment > .env):')
    .addOption(dotenv);
  for (const { flag, description } of CONFIG_FLAGS) program.option(flag, description);
  program.optionsGroup('Diagnostics:').option('--debug', 'log requests (never secrets) and print stack traces', false);
  // The 0.1.0 spellings, hidden; removed in 0.2.0.
  program
    .addOption(renamedOption('--felter <felter>', fields))
    .addOption(renamedOption('--med-fodselsnummer', includeFodselsnummer))
    .addOption(renamedOption('--aktor <aktor>', actor))
    .addOption(renamedOption('--formal <formal>', purpose))
    .addOption(renamedOption('--hjemmel <hjemmel>', legalBasis))
    .addOption(renamedOption('--audit-fil <fil>', auditFile))
    .addOption(renamedOption('--env-fil <fil>', dotenv));
  return program;
}

function isFormat(value: string | undefined): value is Format {
  return FORMATS.some((format) => format === value);
}

function isFieldSet(value: string | undefined): value is FieldSet {
  return FIELD_SETS.some((set) => set === value);
}

export function readGlobalOptions(command: Command): GlobalOptions {
  const raw = command.optsWithGlobals<Record<string, unknown>>();
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const given = (current: string, old: string): string | undefined => text(givenValue(command, current, old));
  // Commander has checked both against their choices already.
  const format = text(raw['format']);
  const fields = given('fields', 'felter');
  return {
    ...(isFormat(format) ? { format } : {}),
    fields: isFieldSet(fields) ? fields : 'teknisk',
    includeFodselsnummer: givenValue(command, 'includeFodselsnummer', 'medFodselsnummer') === true,
    actor: given('actor', 'aktor'),
    purpose: given('purpose', 'formal'),
    legalBasis: given('legalBasis', 'hjemmel'),
    saksnummer: text(raw['saksnummer']),
    auditFile: given('auditFile', 'auditFil'),
    dotenv: given('dotenv', 'envFil'),
    debug: raw['debug'] === true,
    raw,
  };
}

/** The audit context from the flags; in prod the three mandatory parts must all be there. */
export function auditContextOf(options: GlobalOptions, required: boolean): Partial<AuditContext> | undefined {
  const context: Partial<AuditContext> = {
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.purpose ? { purpose: options.purpose } : {}),
    ...(options.legalBasis ? { legalBasis: options.legalBasis } : {}),
    ...(options.saksnummer ? { caseRef: options.saksnummer } : {}),
  };
  if (required) {
    const missing = (['actor', 'purpose', 'legalBasis'] as const)
      .filter((part) => !options[part])
      .map((part) => AUDIT_FLAGS[part]);
    if (missing.length > 0) {
      throw new UsageError(`with KJORETOY_ENV=prod every lookup needs an audit context: missing ${missing.join(', ')}`);
    }
  }
  return Object.keys(context).length > 0 ? context : undefined;
}
