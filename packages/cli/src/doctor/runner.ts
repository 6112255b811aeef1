/**
 * `kjoretoy doctor`: the chain from configuration to a real Fiks answer, one step at a time, each
 * saying exactly what is wrong and what to do. The runner threads what each step found into the
 * next; a step whose input an earlier failure made unavailable is skipped, not guessed.
 */

import { describeError } from '../io/render-error.js';
import { certificateEnvironmentStep } from './checks/certificate-environment.js';
import { certificateOrganisationStep } from './checks/certificate-organisation.js';
import { certificateValidityStep } from './checks/certificate-validity.js';
import { fiksCallStep } from './checks/fiks-call.js';
import { keyMatchStep } from './checks/key-match.js';
import { keyMaterialStep } from './checks/key-material.js';
import { tokenConsumerStep } from './checks/token-consumer.js';
import { tokenRequestStep } from './checks/token-request.js';
import { variablesStep } from './checks/variables.js';
import { failed, type CheckResult, type DoctorInput, type DoctorState, type DoctorStep } from './step.js';

/** In order; each step's type says which earlier findings it reads. */
export const DOCTOR_STEPS: ReadonlyArray<DoctorStep<keyof DoctorState, keyof DoctorState>> = [
  variablesStep,
  keyMaterialStep,
  keyMatchStep,
  certificateValidityStep,
  certificateOrganisationStep,
  certificateEnvironmentStep,
  tokenRequestStep,
  tokenConsumerStep,
  fiksCallStep,
];

/** Runs every step in order, handing each result to `report` as soon as it is known. */
export async function runDoctorSteps(
  input: DoctorInput,
  report: (step: string, result: CheckResult) => void,
): Promise<void> {
  let state: DoctorState = {};
  try {
    for (const step of DOCTOR_STEPS) {
      let result: CheckResult;
      try {
        const outcome = await step.run(input, state);
        state = { ...state, ...outcome.found };
        result = outcome.result;
      } catch (error) {
        result = failed('unexpected error; rerun with --debug', describeError(error));
      }
      report(step.name, result);
    }
  } finally {
    await state.client?.close();
  }
}
