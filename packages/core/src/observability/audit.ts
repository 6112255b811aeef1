/**
 * Audit hook: each operation carries who asks, why and under which legal basis, and emits one
 * event per call so the application can keep a lawful record of every register lookup.
 */

export interface AuditContext {
  /** Who asks: a user id or, for machine flows, the integration/service name. */
  actor: string;
  /** Why, e.g. `HENSATT_KJORETOY`. */
  purpose: string;
  /** Legal basis, e.g. `vegtrafikkloven § 37`. */
  legalBasis: string;
  /** Case reference in the caller's system. */
  caseRef?: string;
}

export type AuditOperation =
  | 'bulk/kjennemerke'
  | 'bulk/kuid'
  | 'bulk/understellsnummer'
  | 'sok/kjennemerke'
  | 'sok/understellsnummer'
  | 'sok/fodselsnummer'
  | 'sok/organisasjonsnummer'
  | 'sok/kundeid'
  | 'sok/eiernavn'
  | 'sok/kunde';

export type DataCategory = 'technical' | 'owner' | 'address' | 'fodselsnummer';

export interface AuditEvent {
  timestamp: string;
  actor?: string;
  purpose?: string;
  legalBasis?: string;
  caseRef?: string;
  fiksOrgId: string;
  operation: AuditOperation;
  /** The identifiers queried (normalised). This is the audit record's job; it goes to the sink, never to logs. */
  identifiers: string[];
  /** Search parameters (names, numbers) for `sok/*` calls. */
  query?: Record<string, string>;
  dtg?: string[];
  outcome: {
    found: number;
    notFound: number;
    unavailable: number;
    invalid: number;
    error: number;
  };
  dataCategories: DataCategory[];
  requestIds: string[];
  errorId?: string;
  svvguid?: string;
  errorCode?: string;
}

export interface AuditSink {
  write(event: AuditEvent): void | Promise<void>;
}
