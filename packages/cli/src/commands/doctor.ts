/**
 * `kjoretoy doctor`: runs the ordered checks and prints one line per step: ✔ passed, ✘ failed
 * (with what to do), – skipped because an earlier step failed. Passes only if every step passes.
 */

import { Command } from 'commander';
import { createDoctorChecks, type CheckResult } from '../doctor/checks.js';
import { auditContextOf, readGlobalOptions } from '../global-options.js';
import { describeError, maskSecrets } from '../io/render-error.js';
import { openSession, type Session } from '../session.js';
import type { CommandOutcome } from '../terminal.js';
import { UsageError } from '../usage-error.js';
import type { CommandContext } from './command-context.js';

export function formatStep(name: string, result: CheckResult): string {
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
    throw new UsageError('--forventet-org must be a 9-digit organisation number');
  if (options.format === 'csv' || options.format === 'table')
    throw new UsageError('kjoretoy doctor prints lines, or json/ndjson with --format');
  const doctor = createDoctorChecks({
    env: session.env,
    debug: options.debug,
    audit: auditContextOf(options, false),
    ...(expectedOrg ? { expectedOrg } : {}),
    signal: term.signal,
  });
  const report: Array<{ step: string } & CheckResult> = [];
  try {
    for (const check of doctor.checks) {
      let result: CheckResult;
      try {
        result = await check.run();
      } catch (error) {
        result = { status: 'failed', hint: 'unexpected error; rerun with --debug', detail: describeError(error) };
      }
      report.push({ step: check.name, ...result });
      if (options.format === undefined)
        term.stdout.write(`${maskSecrets(formatStep(check.name, result), session.errors.secrets)}\n`);
    }
  } finally {
    await doctor.close();
  }
  if (options.format === 'json')
    term.stdout.write(`${maskSecrets(JSON.stringify(report, null, 2), session.errors.secrets)}\n`);
  if (options.format === 'ndjson') {
    for (const line of report) term.stdout.write(`${maskSecrets(JSON.stringify(line), session.errors.secrets)}\n`);
  }
  return report.every((line) => line.status === 'ok') ? 'ok' : 'failed';
}

export function doctorCommand(context: CommandContext): Command {
  return new Command('doctor')
    .description('check the whole chain (configuration, key, certificate, Maskinporten, Fiks) and say what to fix')
    .option(
      '--forventet-org <orgnr>',
      "the integration's autorisert organisasjon, to compare with the token's consumer",
    )
    .action(async (options: { forventetOrg?: string }, command: Command) => {
      const session = openSession(context.term, readGlobalOptions(command), context.errors);
      context.outcome = await runDoctor(session, options.forventetOrg);
    });
}
