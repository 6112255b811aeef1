/** Injection token for the validated `CaseSystemConfig`. */
export const CASE_SYSTEM_CONFIG = 'CASE_SYSTEM_CONFIG';
