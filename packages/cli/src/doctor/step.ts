/**
 * The pieces every doctor step shares: what it is given (`DoctorInput`), what earlier steps found
 * (`DoctorState`), and what it reports. A step names the state it reads and the state it adds in
 * its type, so the order of `DOCTOR_STEPS` is checked by reading one line per step.
 */

import type { AccessToken, AuditContext, KeyMaterial, KjoretoyregisterClient } from '@kjoretoyregister/core';
import type { Environment } from '../config.js';
import type { KeyFailure } from './certificate.js';

export type CheckResult =
  | { status: 'ok'; detail?: string }
  | { status: 'failed'; detail?: string; hint: string }
  | { status: 'skipped'; reason: string };

export interface DoctorInput {
  env: Readonly<Environment>;
  debug: boolean;
  audit?: Partial<AuditContext>;
  /** The integration's autorisert organisasjon, when the user knows it (`--expected-org`). */
  expectedOrg?: string;
  signal: AbortSignal;
  now?: () => number;
}

/** What the steps have found so far. A step whose input is missing is skipped, not guessed. */
export interface DoctorState {
  /** From the configuration; closed by the runner when the doctor ends. */
  client?: KjoretoyregisterClient;
  key?: KeyMaterial;
  /** Set instead of `key` when loading failed; the later steps tell which stage it reached. */
  keyFailure?: { kind: KeyFailure; error: unknown };
  token?: AccessToken;
  consumerOrg?: string;
}

export interface StepOutcome<Adds extends keyof DoctorState> {
  result: CheckResult;
  /** What this step found, for the steps after it. */
  found?: Pick<DoctorState, Adds>;
}

/** One step: reads `Needs` of the state, may add `Adds`. */
export interface DoctorStep<
  Needs extends keyof DoctorState = keyof DoctorState,
  Adds extends keyof DoctorState = never,
> {
  readonly name: string;
  run(input: DoctorInput, state: Readonly<Pick<DoctorState, Needs>>): Promise<StepOutcome<Adds>>;
}

export const ok = (detail?: string): CheckResult => ({ status: 'ok', ...(detail ? { detail } : {}) });
export const failed = (hint: string, detail?: string): CheckResult => ({
  status: 'failed',
  hint,
  ...(detail ? { detail } : {}),
});
export const skipped = (reason: string): CheckResult => ({ status: 'skipped', reason });

/** Why a step that needs the key cannot run. */
export function noKey(state: Pick<DoctorState, 'keyFailure'>): CheckResult {
  return skipped(state.keyFailure ? 'the key material did not load' : 'the configuration is incomplete');
}
