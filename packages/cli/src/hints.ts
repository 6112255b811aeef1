/**
 * The CLI's side of core's hints: core words the cause and fix, naming each setting the way this
 * host names it (core's environment variables; the audit context by its flags), and the CLI adds
 * only what is its own, such as pointing at `kjoretoy doctor`.
 */

import {
  ConfigurationError,
  ENV_FIELD_NAMES,
  hintFor,
  maskinportenHint,
  type FieldNames,
  type HintContext,
  type MaskinportenError,
} from '@kjoretoyregister/core';

/** Environment variables, except the audit context, which the CLI takes as flags. */
export const CLI_FIELD_NAMES: FieldNames = {
  ...ENV_FIELD_NAMES,
  'audit.actor': '--actor',
  'audit.purpose': '--purpose',
  'audit.legalBasis': '--legal-basis',
};

const RUN_DOCTOR = 'run `kjoretoy doctor` to check the whole setup';

/** A short "what now" for any error, for the one-line error output and the doctor's steps. */
export function cliHint(error: unknown, context: HintContext = {}): string | undefined {
  const hint = hintFor(error, CLI_FIELD_NAMES, context);
  if (error instanceof ConfigurationError) return hint ? `${hint}; ${RUN_DOCTOR}` : RUN_DOCTOR;
  return hint;
}

export function cliMaskinportenHint(error: MaskinportenError): string {
  return maskinportenHint(error, CLI_FIELD_NAMES);
}
