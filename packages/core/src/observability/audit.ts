/**
 * Audit hook: each operation carries who asks, why and under which legal basis, so the application
 * can keep a lawful record of every register lookup. Two layers reach the sink:
 *
 * - write-ahead, per register request (each Fiks HTTP request; a bulk call may send several
 *   chunks, a paged search several pages): `begin(intent)` is awaited before the request is sent,
 *   and if it rejects the request is not sent (`AuditWriteError`); `complete(completion)` follows
 *   the answer (or the failure), correlated by `auditId`. A crash between the two leaves an intent
 *   without completion: "outcome unknown", never nothing.
 * - per operation: `write(event)`, once the whole call is settled, with its counts and every
 *   request id, as before.
 *
 * A request may concern several of the caller's cases (a bulk lookup whose items name their own
 * `caseRef`): the intent and the completion then also carry one `AuditCasePart` per case, so a
 * sink can keep each case's trail to exactly its own identifiers and outcome.
 *
 * `begin` and `complete` are optional so a sink written for `write` alone keeps working (without
 * the write-ahead guarantee).
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

/** What came back, counted per identifier (a search counts as one). */
export interface AuditOutcome {
  found: number;
  notFound: number;
  unavailable: number;
  invalid: number;
  error: number;
}

/** Who asked for what, and why: what a register request discloses. Shared by the intent and the per-call event. */
export interface AuditRequestFacts {
  timestamp: string;
  actor?: string;
  purpose?: string;
  legalBasis?: string;
  caseRef?: string;
  fiksOrgId: string;
  operation: AuditOperation;
  /** The identifiers queried (normalised). This is the audit record's job; it goes to the sink, never to logs. */
  identifiers: string[];
  /** Search parameters (names, numbers) for `sok/*` requests. */
  query?: Record<string, string>;
  dtg?: string[];
}

/** What the register answered (or the failure's code and support ids). Shared by the completion and the per-call event. */
export interface AuditResultFacts {
  outcome: AuditOutcome;
  dataCategories: DataCategory[];
  errorId?: string;
  svvguid?: string;
  errorCode?: string;
}

/**
 * One case's share of one register request: the identifiers (and `dtg`) asked for that case, and
 * later what came back for them. A bulk request whose items name their own `caseRef` has one part
 * per case (items without one fall under the call's `caseRef`, or a part without any); each part
 * has its own `auditId`, unique like the request's, that joins its intent part with its completion
 * part. The request id stays the request's own: every part of one request shares it.
 */
export interface AuditCasePart {
  auditId: string;
  caseRef?: string;
  identifiers: string[];
  dtg?: string[];
}

/** What came back for one `AuditCasePart`, by its `auditId`. */
export interface AuditCaseResult extends AuditResultFacts {
  auditId: string;
  caseRef?: string;
}

/**
 * Written and awaited before one register request leaves. Holds everything the request will
 * disclose to the register; `requestId` is the value of the request's `requestId` header.
 */
export interface AuditIntent extends AuditRequestFacts {
  phase: 'intent';
  /** Correlates this intent with its completion (a UUID, unique per request). */
  auditId: string;
  /** The `requestId` header this request is sent with: what KS and SVV support can look up. */
  requestId: string;
  /** Present when the request's items named their own cases: every identifier above, split by case. */
  cases?: AuditCasePart[];
}

/** Written after the answer to one request (or its failure, abort included), by the intent's `auditId`. */
export interface AuditCompletion extends AuditResultFacts {
  phase: 'completed';
  auditId: string;
  requestId: string;
  timestamp: string;
  fiksOrgId: string;
  operation: AuditOperation;
  /** One per part of the intent (same `auditId`s), when it had `cases`. */
  cases?: AuditCaseResult[];
}

/** One per operation call, once it is settled, however many requests it took. */
export interface AuditEvent extends AuditRequestFacts, AuditResultFacts {
  requestIds: string[];
  /** The `auditId` of each request this call sent an intent for, in order; empty when none was sent. */
  auditIds: string[];
}

export interface AuditSink {
  /** The per-operation record. Awaited; a failure is logged (without identifiers) and never fails the call. */
  write(event: AuditEvent): void | Promise<void>;
  /**
   * Write-ahead: awaited before each register request is sent. Reject (or throw) when the intent
   * could not be stored: the request is then not sent and the call fails with `AuditWriteError`
   * (`KJR_AUDIT_WRITE`).
   */
  begin?(intent: AuditIntent): void | Promise<void>;
  /** After each request that had an intent. Awaited; a failure is logged (without identifiers) and never fails the call. */
  complete?(completion: AuditCompletion): void | Promise<void>;
}
