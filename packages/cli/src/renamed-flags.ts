/**
 * Flags renamed to English in 0.1.x (docs/glossary.md: flags are plumbing, only wire and domain
 * words stay Norwegian). The old spelling keeps working until 0.2.0: hidden from `--help`, one
 * warning on stderr when used, and a usage error when given together with its new name.
 */

import { Option, type Command } from 'commander';

/** Old option → the flag that replaces it; only options made by `renamedOption` are in here. */
const REPLACEMENTS = new WeakMap<Option, string>();

/**
 * The hidden old spelling of `current`, e.g. `renamedOption('--formal <formal>', purpose)`. It keeps
 * its own attribute (the caller takes whichever of the two was given), so commander can refuse
 * both at once through `conflicts`.
 */
export function renamedOption(oldFlags: string, current: Option): Option {
  const old = new Option(oldFlags, current.description).hideHelp().conflicts(current.attributeName());
  if (current.argChoices) old.choices(current.argChoices);
  REPLACEMENTS.set(old, current.long ?? current.flags);
  return old;
}

/** `kjoretoy: --formal is deprecated …; use --purpose`, once per old flag given on the command line. */
export function renamedFlagWarnings(command: Command): string[] {
  const warnings: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) {
    for (const option of current.options) {
      const replacement = REPLACEMENTS.get(option);
      if (replacement !== undefined && current.getOptionValueSource(option.attributeName()) === 'cli') {
        warnings.push(
          `kjoretoy: ${option.long ?? option.flags} is deprecated and will be removed in 0.2.0; use ${replacement}`,
        );
      }
    }
  }
  return warnings;
}

/**
 * What the user gave under either name: the old one when it was on the command line, else the new
 * one (which may hold its default). Commander has already refused both together.
 */
export function givenValue(command: Command, current: string, old: string): unknown {
  const values = command.optsWithGlobals<Record<string, unknown>>();
  return command.getOptionValueSourceWithGlobals(old) === 'cli' ? values[old] : values[current];
}
