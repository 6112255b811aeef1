/**
 * `kjoretoy sok <endpoint> [params…] [--all]`: the seven Kjøretøysøk searches (docs/contract.md#s4.3).
 * Parameters are `name=value` with SVV's own names; one bare value fills the parameter the search
 * is named after (`kjoretoy sok eiernavn "KARI NORDMANN" postnummer=0640`). Core validates them.
 */

import { Argument, Command, Option } from 'commander';
import type {
  KjoretoyResponse,
  KjoretoyregisterClient,
  Responskode,
  SokEndpoint,
  SokParams,
} from '@kjoretoyregister/core';
import { readGlobalOptions } from '../global-options.js';
import { givenValue, renamedOption } from '../renamed-flags.js';
import { KUNDE_COLUMNS, vehicleColumns } from '../io/columns.js';
import { resolveFormat, writeRows } from '../io/output.js';
import { kundeRows, searchRows } from '../io/rows.js';
import { auditContext, openSession, withClient, type Session } from '../session.js';
import type { CommandOutcome } from '../terminal.js';
import { UsageError } from '../usage-error.js';
import type { CommandContext } from './command-context.js';

const SOK_COMMANDS = [
  'eiernavn',
  'kjennemerke',
  'understellsnummer',
  'fodselsnummer',
  'organisasjonsnummer',
  'kundeid',
  'kunde',
] as const satisfies readonly SokEndpoint[];

/** The parameter a bare argument fills, per search. */
const BARE_PARAM: Record<SokEndpoint, string> = {
  eiernavn: 'navn',
  kjennemerke: 'kjennemerke',
  understellsnummer: 'understellsnummer',
  fodselsnummer: 'fodselsnummer',
  organisasjonsnummer: 'organisasjonsnummer',
  kundeid: 'kundeid',
  kunde: 'eiertype',
};

const BOOLEAN_PARAMS = new Set(['ekskluderVraketUtfort', 'erPerson', 'fonetisk']);
const INTEGER_PARAMS = new Set(['fra', 'antall']);

function parseValue(name: string, value: string): string | number | boolean {
  if (BOOLEAN_PARAMS.has(name)) {
    if (/^(true|ja)$/i.test(value)) return true;
    if (/^(false|nei)$/i.test(value)) return false;
    throw new UsageError(`${name} must be true or false`);
  }
  if (INTEGER_PARAMS.has(name)) {
    if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number`);
    return Number(value);
  }
  return value;
}

/** `name=value` pairs plus at most one run of bare words (joined with spaces: names have spaces). */
export function parseSokParams(
  endpoint: SokEndpoint,
  args: readonly string[],
): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  const bare: string[] = [];
  for (const arg of args) {
    const match = /^([A-Za-z]+)=(.*)$/s.exec(arg);
    if (!match) {
      bare.push(arg);
      continue;
    }
    const [, name, value] = match as unknown as [string, string, string];
    if (name in params) throw new UsageError(`${name} is given twice`);
    params[name] = parseValue(name, value);
  }
  if (bare.length > 0) {
    const name = BARE_PARAM[endpoint];
    if (name in params) throw new UsageError(`${name} is given both as ${name}= and as a bare value`);
    params[name] = bare.join(' ');
  }
  return params;
}

function noteResponskoder(session: Session, responskoder: readonly Responskode[] | null | undefined): void {
  if (responskoder && responskoder.length > 0) {
    session.term.stderr.write(`responskoder: ${responskoder.map((r) => `${r.kode} (${r.beskrivelse})`).join(', ')}\n`);
  }
}

async function runSok(session: Session, endpoint: SokEndpoint, args: string[], all: boolean): Promise<CommandOutcome> {
  const { term, options: globals } = session;
  const params = parseSokParams(endpoint, args);
  const audit = auditContext(session);
  const call = { ...(audit ? { audit } : {}), signal: term.signal };

  if (endpoint === 'kunde') {
    if (all) throw new UsageError('sok kunde has no paging; --all does not apply');
    const format = resolveFormat(globals.format, 'eier', term.stdout);
    const result = await withClient(session, (client) =>
      client.sok('kunde', params as unknown as SokParams['kunde'], call),
    );
    const rows = kundeRows(result.kunder ?? [], globals);
    writeRows(term.stdout, format, rows, KUNDE_COLUMNS);
    term.stderr.write(`${rows.length} of ${result.antallTreffTotalt ?? rows.length} customers\n`);
    noteResponskoder(session, result.responskoder);
    return 'ok';
  }

  const format = resolveFormat(globals.format, globals.fields, term.stdout);
  const paged = endpoint as Exclude<SokEndpoint, 'kunde'>;
  const typed = params as unknown as SokParams[typeof paged];
  let hits: KjoretoyResponse[];
  let note: string;
  if (all) {
    hits = await withClient(session, (client: KjoretoyregisterClient) => client.sokAll(paged, typed, call));
    note = `${hits.length} hits`;
  } else {
    const page = await withClient(session, (client: KjoretoyregisterClient) => client.sok(paged, typed, call));
    hits = page.kjoretoyresponser ?? [];
    const total = page.antallTreffTotalt ?? hits.length;
    note = `${hits.length} of ${total} hits${total > hits.length ? ' (use --all for every page)' : ''}`;
    noteResponskoder(session, page.responskoder);
  }
  writeRows(term.stdout, format, searchRows(hits, globals), vehicleColumns(globals.fields, false));
  term.stderr.write(`${note}\n`);
  return 'ok';
}

export function sokCommand(context: CommandContext): Command {
  const all = new Option('--all', 'follow the pages and return every hit').default(false);
  return new Command('sok')
    .description('search vehicles (or, with kunde, customers) by owner, plate, VIN or number')
    .addArgument(new Argument('<endpoint>', 'which search').choices(SOK_COMMANDS))
    .argument(
      '[params...]',
      'name=value parameters with SVV names (fra, antall, postnummer, erPerson, …); one bare value fills the main parameter',
    )
    .addOption(all)
    .addOption(renamedOption('--alle', all))
    .action(async (endpoint: SokEndpoint, args: string[], _options: unknown, command: Command) => {
      const session = openSession(context.term, readGlobalOptions(command), context.errors);
      context.outcome = await runSok(session, endpoint, args, givenValue(command, 'all', 'alle') === true);
    });
}
