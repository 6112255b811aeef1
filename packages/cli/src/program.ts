/**
 * The command tree. Commands record their verdict in the shared context; `main.ts` turns it into
 * an exit code.
 */

import { Command } from 'commander';
import { doctorCommand } from './commands/doctor.js';
import { oppslagCommand } from './commands/oppslag.js';
import { simulatorCommand } from './commands/simulator.js';
import { sokCommand } from './commands/sok.js';
import { tokenCommand } from './commands/token.js';
import type { CommandContext } from './commands/command-context.js';
import { addGlobalOptions } from './global-options.js';
import { renamedFlagWarnings } from './renamed-flags.js';

export const VERSION = '0.1.0';

export function createProgram(context: CommandContext): Command {
  const program = new Command('kjoretoy')
    .description('Look up vehicles in KS Fiks Kjøretøyregister, and diagnose the setup with `kjoretoy doctor`.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.term.stdout.write(text),
      writeErr: (text) => context.term.stderr.write(text),
    });
  addGlobalOptions(program);
  // Runs after commander has parsed (and refused old and new spellings together), before the action.
  program.hook('preAction', (_program, actionCommand) => {
    for (const warning of renamedFlagWarnings(actionCommand)) context.term.stderr.write(`${warning}\n`);
  });
  for (const command of [
    oppslagCommand(context),
    sokCommand(context),
    tokenCommand(context),
    doctorCommand(context),
    simulatorCommand(context),
  ]) {
    program.addCommand(command);
  }
  // Subcommands inherit exitOverride and output settings only when set before they are added.
  const propagate = (command: Command): void => {
    command.exitOverride().configureOutput(program.configureOutput());
    command.commands.forEach(propagate);
  };
  program.commands.forEach(propagate);
  return program;
}
