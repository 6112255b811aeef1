import type { EierForVarsel, TekniskSammendrag } from '@kjoretoyregister/core';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { SakStatus } from '../saker/domain/sak-status.js';
import type { JobStatus, Sted } from '../saker/domain/sak.js';
import type { LukketGrunn, SakHendelseType, VarselKanal } from '../saker/domain/sak-hendelse.js';

/** Kysely's view of the schema in `migrations/`. JSON columns are written as JSON text. */
export interface DatabaseSchema {
  saker: SakerTable;
  inbound_webhooks: InboundWebhooksTable;
  lookup_jobs: LookupJobsTable;
  audit_log: AuditLogTable;
  audit_completions: AuditCompletionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  api_users: ApiUsersTable;
  web_sessions: WebSessionsTable;
  user_events: UserEventsTable;
  bulk_lookups: BulkLookupsTable;
  bulk_lookup_items: BulkLookupItemsTable;
  sak_hendelser: SakHendelserTable;
}

type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface SakerTable {
  id: string;
  status: SakStatus;
  /** Where the case came from: `webhook:<source>`. */
  kilde: string;
  kjennemerke: string | null;
  understellsnummer: string | null;
  observert_tidspunkt: Date;
  sted: JSONColumnType<Sted>;
  beskrivelse: string | null;
  meldt_av: string | null;
  /** `tekniskSammendrag` projection only (never the raw vehicle). */
  kjoretoy: NullableJson<TekniskSammendrag>;
  /** `eierForVarsel` projection only; addresses dropped for shielded cases. */
  eier: NullableJson<EierForVarsel>;
  feilarsak: string | null;
  eier_funnet_tidspunkt: Date | null;
  varsel_frist: Date | null;
  opprettet: Generated<Date>;
  oppdatert: Generated<Date>;
  /** Case work (migration 007): when the notice was sent and how; the latest recorded notice. */
  varsel_sendt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  varsel_kanal: ColumnType<VarselKanal | null, VarselKanal | null | undefined, VarselKanal | null>;
  fjernet: ColumnType<Date | null, Date | null | undefined, Date | null>;
  lukket: ColumnType<Date | null, Date | null | undefined, Date | null>;
  lukket_grunn: ColumnType<LukketGrunn | null, LukketGrunn | null | undefined, LukketGrunn | null>;
}

interface InboundWebhooksTable {
  source: string;
  webhook_id: string;
  sak_id: string;
  /** SHA-256 (hex) of the raw body; null for rows from before migration 003. */
  body_sha256: string | null;
  received_at: Generated<Date>;
}

export interface LookupJobsTable {
  id: string;
  sak_id: string;
  status: JobStatus;
  /** Audit actor of the lookup: `webhook:<source>` or the API user who asked for a re-run. */
  actor: string;
  attempts: Generated<number>;
  run_after: Generated<Date>;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). One row per register call. */
/**
 * Append-only (migration 004): since then one `intent` row per register request, written before
 * it is sent; rows from before are one `call` row per lookup with its outcome.
 */
export interface AuditLogTable {
  id: string;
  /** `call` (before 004: the whole lookup, outcome included) or `intent` (one request, before it left). */
  phase: ColumnType<AuditPhase, AuditPhase | undefined, never>;
  /** Core's `auditId`: joins an intent with its `audit_completions` row. Null on `call` rows. */
  audit_id: string | null;
  /** The register call's time (`AuditEvent.timestamp`); `logged_at` is when the row was written. */
  occurred_at: Date;
  actor: string | null;
  purpose: string | null;
  legal_basis: string | null;
  case_ref: string | null;
  fiks_org_id: string;
  operation: string;
  identifiers: JSONColumnType<string[]>;
  dtg: JSONColumnType<string[]>;
  /** Null on intents: the outcome is in `audit_completions`. */
  outcome: NullableJson<AuditOutcomeCounts>;
  /**
   * found | not_found | unavailable | invalid | error: the single word a reader wants. `unknown`
   * on an intent row (immutable); the completion's `result` supersedes it when there is one.
   */
  result: string;
  data_categories: NullableJson<string[]>;
  /** The request's `requestId` header (intents), or every request id of the call (`call` rows). */
  request_ids: JSONColumnType<string[]>;
  error_id: string | null;
  svvguid: string | null;
  error_code: string | null;
  logged_at: Generated<Date>;
}

export type AuditPhase = 'call' | 'intent';

/** Append-only: the outcome of one register request, by its intent's `audit_id` (at most one each). */
export interface AuditCompletionsTable {
  audit_id: string;
  occurred_at: Date;
  request_id: string;
  operation: string;
  outcome: JSONColumnType<AuditOutcomeCounts>;
  result: string;
  data_categories: JSONColumnType<string[]>;
  error_id: string | null;
  svvguid: string | null;
  error_code: string | null;
  logged_at: Generated<Date>;
}

export interface AuditOutcomeCounts {
  found: number;
  notFound: number;
  unavailable: number;
  invalid: number;
  error: number;
}

type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookDeliveriesTable {
  id: string;
  /** The `webhook-id` subscribers deduplicate on; the same for every attempt. */
  event_id: string;
  event_type: string;
  subscriber_url: string;
  sak_id: string;
  payload: JSONColumnType<Record<string, unknown>>;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: Date | null;
  locked_by: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Date | null;
}

export type Role = 'saksbehandler' | 'admin';

export interface ApiUsersTable {
  id: string;
  name: string;
  role: Role;
  /** Public half of the key, for the lookup; the secret half is only ever stored hashed. */
  key_id: string;
  key_hash: string;
  created_at: Generated<Date>;
  disabled_at: Date | null;
  /** OpenID Connect users (migration 005): the provider's issuer and subject; null for API-key users. */
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_sub: ColumnType<string | null, string | null | undefined, string | null>;
}

interface WebSessionsTable {
  token_hash: string;
  user_id: string;
  expires_at: Date;
  created_at: Generated<Date>;
}

export type UserEventAction = 'created' | 'disabled' | 'key_rotated' | 'role_changed';

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): user administration, audited. */
export interface UserEventsTable {
  id: string;
  occurred_at: Generated<Date>;
  /** `bruker:<name>` of the admin, or `cli:create-user`. */
  actor: string;
  action: UserEventAction;
  user_id: string;
  /** The name at the time, so the row reads on its own. */
  user_name: string;
}

/** Append-only (migration 007; a trigger refuses UPDATE, DELETE and TRUNCATE): what people did on a case. */
export interface SakHendelserTable {
  id: string;
  sak_id: string;
  occurred_at: Generated<Date>;
  /** `bruker:<name>` of the person (web page or API key). */
  actor: string;
  type: SakHendelseType;
  /** The change's own facts (channel, times, reason, note); never the owner's data. */
  details: JSONColumnType<Record<string, string>>;
}

export type BulkLookupKind = 'kjennemerke' | 'understellsnummer' | 'kuid';
export type BulkLookupStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'CANCELLED';
export type BulkItemStatus = 'PENDING' | 'DONE' | 'CANCELLED';
/** The one word a reader of the result wants per line (migration 006). */
export type BulkItemResult = 'found' | 'not_found' | 'shielded' | 'unavailable' | 'several' | 'failed';

/** A bulk lookup ("Masseoppslag", migration 006): who asked, why, under which legal basis. */
export interface BulkLookupsTable {
  id: string;
  created_by: string;
  /** `bruker:<name>`: the audit actor of every register request for it. */
  actor: string;
  purpose: string;
  legal_basis: string;
  kind: BulkLookupKind;
  /** The creator's role may see fødselsnummer (`WEB_LOOKUP_FODSELSNUMMER_ROLES`) when it was created. */
  include_fodselsnummer: boolean;
  status: BulkLookupStatus;
  total: number;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

/** One line of a bulk lookup, and the worker's queue entry for it. */
export interface BulkLookupItemsTable {
  bulk_id: string;
  /** The line number in the upload or the pasted text (1-based, header included). */
  line: number;
  /** The identifier, normalised. */
  value: string;
  /** ISO-8601 with offset, as the register takes it; null: the register as it is now. */
  dtg: string | null;
  status: BulkItemStatus;
  result: BulkItemResult | null;
  kjoretoy: NullableJson<TekniskSammendrag>;
  /** `eierForVarsel` projection only; for a shielded owner just `{ skjermet: true }`. */
  eier: NullableJson<EierForVarsel>;
  feilarsak: string | null;
  attempts: Generated<number>;
  run_after: Generated<Date>;
  locked_until: Date | null;
  locked_by: string | null;
  finished_at: Date | null;
}
