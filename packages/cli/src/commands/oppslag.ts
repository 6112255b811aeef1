/**
 * `kjoretoy oppslag kjennemerke|kuid|understellsnummer`: bulk lookups (B1, B2) of any number of
 * identifiers through core's chunking, and the VIN lookup (B3). Output rows stay aligned with the
 * inputs; not-found items are results, not failures.
 */

import { Command, Option } from 'commander';
import type { KjoretoyregisterClient, LookupOutcome } from '@kjoretoyregister/core';
import { readGlobalOptions } from '../global-options.js';
import { givenValue, renamedOption } from '../renamed-flags.js';
import { vehicleColumns } from '../io/columns.js';
import { collectItems, type IdentifierKind } from '../io/input.js';
import { resolveFormat, writeRows } from '../io/output.js';
import { createProgress } from '../io/progress.js';
import { renderError } from '../io/render-error.js';
import { countStatuses, lookupRows, vinRows, type OutputRow } from '../io/rows.js';
import { auditContext, openSession, withClient, type Session } from '../session.js';
import type { CommandOutcome } from '../terminal.js';
import type { CommandContext } from './command-context.js';

/** Statuses that mean the item was answered; anything else makes the run a failure. */
const ANSWERED = new Set(['found', 'not_found', 'unavailable']);

interface BulkOptions {
  dtg?: string;
  file?: string;
}

async function runBulk(
  session: Session,
  kind: IdentifierKind,
  args: string[],
  options: BulkOptions,
): Promise<CommandOutcome> {
  const { term, options: globals } = session;
  const format = resolveFormat(globals.format, globals.fields, term.stdout);
  const audit = auditContext(session);
  const items = await collectItems(kind, args, options.file, term.cwd, term.stdin);
  const outcomes = await withClient(session, async (client: KjoretoyregisterClient) => {
    const progress = createProgress(term.stderr, items.length, client.config.maxBulkSize);
    const call = {
      ...(options.dtg !== undefined ? { dtg: options.dtg } : {}),
      ...(audit ? { audit } : {}),
      signal: term.signal,
      onProgress: (done: number, total: number) => progress.update(done, total),
    };
    try {
      return kind === 'kjennemerke'
        ? await client.lookupKjennemerke(items, call)
        : await client.lookupKuid(items, call);
    } finally {
      progress.stop();
    }
  });
  const rows = lookupRows(outcomes, globals);
  writeRows(term.stdout, format, rows, vehicleColumns(globals.fields, true));
  summarise(session, rows, outcomes);
  return rows.every((row) => ANSWERED.has(row.status)) ? 'ok' : 'failed';
}

/** One stderr line with the counts, plus the first failure explained, so a long run ends clearly. */
function summarise(session: Session, rows: readonly OutputRow[], outcomes: readonly LookupOutcome<unknown>[]): void {
  const counts = countStatuses(rows);
  const parts = Object.entries(counts).map(([status, count]) => `${count} ${status}`);
  session.term.stderr.write(`${rows.length} lookups: ${parts.join(', ')}\n`);
  const failed = outcomes.find((outcome) => outcome.status === 'error');
  if (failed?.error) {
    session.term.stderr.write(renderError(failed.error, session.errors));
  }
}

async function runVin(session: Session, vin: string, options: { dtg?: string }): Promise<CommandOutcome> {
  const { term, options: globals } = session;
  const format = resolveFormat(globals.format, globals.fields, term.stdout);
  const audit = auditContext(session);
  const result = await withClient(session, (client) =>
    client.lookupUnderstellsnummer(vin, {
      ...(options.dtg !== undefined ? { dtg: options.dtg } : {}),
      ...(audit ? { audit } : {}),
      signal: term.signal,
    }),
  );
  writeRows(term.stdout, format, vinRows(result, globals), vehicleColumns(globals.fields, true));
  return 'ok';
}

export function oppslagCommand(context: CommandContext): Command {
  const oppslag = new Command('oppslag').description('look up vehicles by kjennemerke, kuid or understellsnummer');
  const dtgHelp = 'point in time, ISO 8601 with offset (e.g. 2024-03-15T12:00:00+01:00); default now';
  const fileHelp =
    'read identifiers from a file (one per line, or CSV with a kjennemerke|kuid[,dtg] header); - for stdin';

  for (const kind of ['kjennemerke', 'kuid'] as const) {
    const file = new Option('--file <file>', fileHelp);
    oppslag
      .command(kind)
      .description(kind === 'kjennemerke' ? 'bulk lookup by plate (any number)' : 'bulk lookup by kuid (any number)')
      .argument(`[${kind}...]`, kind === 'kjennemerke' ? 'plates, e.g. CU10942' : 'SVV vehicle ids')
      .option('--dtg <iso>', dtgHelp)
      .addOption(file)
      .addOption(renamedOption('--fil <fil>', file))
      .action(async (args: string[], options: { dtg?: string }, command: Command) => {
        const session = openSession(context.term, readGlobalOptions(command), context.errors);
        const fromFile = givenValue(command, 'file', 'fil');
        context.outcome = await runBulk(session, kind, args, {
          ...(options.dtg !== undefined ? { dtg: options.dtg } : {}),
          ...(typeof fromFile === 'string' ? { file: fromFile } : {}),
        });
      });
  }

  oppslag
    .command('understellsnummer')
    .description('lookup by VIN; a VIN may match several vehicles')
    .argument('<understellsnummer>', 'VIN, e.g. TESTDIGDIR0000016')
    .option('--dtg <iso>', dtgHelp)
    .action(async (vin: string, options: { dtg?: string }, command: Command) => {
      const session = openSession(context.term, readGlobalOptions(command), context.errors);
      context.outcome = await runVin(session, vin, options);
    });
  return oppslag;
}
