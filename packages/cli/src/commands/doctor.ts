/**
 * `kjoretoy doctor`: runs the ordered checks and prints one line per step: ✔ passed, ✘ failed
 * (with what to do), – skipped because an earlier step failed. Passes only if every step passes.
 */

import { Command, Option } from 'commander';
import { runDoctorSteps } from '../doctor/runner.js';
import type { CheckResult, DoctorInput } from '../doctor/step.js';
import { auditContextOf, readGlobalOptions } from '../global-options.js';
import { maskSecrets } from '../io/render-error.js';
import { givenValue, renamedOption } from '../renamed-flags.js';
import { openSession, type Session } from '../session.js';
import type { CommandOutcome } from '../terminal.js';
import { UsageError } from '../usage-error.js';
import type { CommandContext } from './command-context.js';

function formatStep(name: string, result: CheckResult): string {
  switch (result.status) {
    case 'ok':
      return `✔ ${name}${result.detail ? `: ${result.detail}` : ''}`;
    case 'failed':
      return `✘ ${name}: ${result.detail ? `${result.detail} — ` : ''}${result.hint}`;
    default:
      return `– ${name}: skipped (${result.reason})`;
  }
}

async function runDoctor(session: Session, expectedOrg: string | undefined): Promise<CommandOutcome> {
  const { term, options } = session;
  if (expectedOrg !== undefined && !/^\d{9}$/.test(expectedOrg))
    throw new UsageError('--expected-org must be a 9-digit organisation number');
  if (options.format === 'csv' || options.format === 'table')
    throw new UsageError('kjoretoy doctor prints lines, or json/ndjson with --format');
  const input: DoctorInput = {
    env: session.env,
    debug: options.debug,
    audit: auditContextOf(options, false),
    ...(expectedOrg ? { expectedOrg } : {}),
    signal: term.signal,
  };
  const report: Array<{ step: string } & CheckResult> = [];
  await runDoctorSteps(input, (step, result) => {
    report.push({ step, ...result });
    if (options.format === undefined)
      term.stdout.write(`${maskSecrets(formatStep(step, result), session.errors.secrets)}\n`);
  });
  if (options.format === 'json')
    term.stdout.write(`${maskSecrets(JSON.stringify(report, null, 2), session.errors.secrets)}\n`);
  if (options.format === 'ndjson') {
    for (const line of report) term.stdout.write(`${maskSecrets(JSON.stringify(line), session.errors.secrets)}\n`);
  }
  return report.every((line) => line.status === 'ok') ? 'ok' : 'failed';
}

export function doctorCommand(context: CommandContext): Command {
  const expectedOrg = new Option(
    '--expected-org <orgnr>',
    "the integration's autorisert organisasjon, to compare with the token's consumer",
  );
  return new Command('doctor')
    .description('check the whole chain (configuration, key, certificate, Maskinporten, Fiks) and say what to fix')
    .addOption(expectedOrg)
    .addOption(renamedOption('--forventet-org <orgnr>', expectedOrg))
    .action(async (_options: unknown, command: Command) => {
      const session = openSession(context.term, readGlobalOptions(command), context.errors);
      const org = givenValue(command, 'expectedOrg', 'forventetOrg');
      context.outcome = await runDoctor(session, typeof org === 'string' ? org : undefined);
    });
}
