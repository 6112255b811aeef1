export { startSimulator, type RunningSimulator } from './simulator.js';
export type { SimulatorOptions } from './options.js';
export type { SimulatorStats, IntegrationStats } from './admin/stats-recorder.js';
export type { ServedRequest, ServedRequests } from './admin/served-requests.js';
export type { Faults, FaultTrigger, Trigger, FaultKind, ServerErrorStatus } from './faults/faults.js';
export { FAULT_HEADER, parseFaultHeader } from './faults/fault-header.js';
export { FaultConfigError, validateFaults } from './faults/validate-faults.js';
export type { ClientRegistration, RegisteredKeyInput, DelegationInput } from './maskinporten/client-registry.js';
export type { IntegrationRegistration } from './fiks/integration-registry.js';
export type {
  DemoCredentials,
  CertificateCredential,
  RegisteredKeyCredential,
} from './credentials/demo-credentials.js';
export { DEMO_KOMMUNE, DEMO_LEVERANDOR, DEMO_SCOPE, DEMO_P12_PASSWORD } from './credentials/demo-identities.js';
export { createCaCertificate, issueLeafCertificate, type CaInput, type LeafInput } from './credentials/certificates.js';
export { clientEnv, formatEnvExports, type DemoIdentity } from './env.js';
export { STORY_VEHICLES, type StoryVehicle } from './data/seed/story-vehicles.js';
