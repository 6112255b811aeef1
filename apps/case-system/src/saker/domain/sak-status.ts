/**
 * MOTTATT: received, lookup pending. The other four are the outcomes of a lookup (the issue's
 * list); a re-run can move a case from any of them to another.
 */
export const SAK_STATUSES = ['MOTTATT', 'EIER_FUNNET', 'SKJERMET', 'IKKE_FUNNET', 'FEILET'] as const;

export type SakStatus = (typeof SAK_STATUSES)[number];

export type CaseLookupOutcomeStatus = Exclude<SakStatus, 'MOTTATT'>;
