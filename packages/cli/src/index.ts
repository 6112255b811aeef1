export { runDoctorSteps } from './doctor/runner.js';
export type { CheckResult, DoctorInput } from './doctor/step.js';
