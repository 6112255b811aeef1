export {
  createDoctorChecks,
  FIKS_PROBE,
  type CheckResult,
  type Doctor,
  type DoctorCheck,
  type DoctorInput,
} from './doctor/checks.js';
export { MASKINPORTEN_HINTS } from './doctor/hints.js';
