import type { AuditLogRow } from '../persistence/audit-log.repository.js';
import type { SakRow, SakWithJobRow } from '../persistence/saker.repository.js';
import type { Sak } from './domain/sak.js';

/**
 * One register request as the API and the web page show it: its intent with the completion
 * folded in (`utfall: 'unknown'` and `outcome: null` when no completion was recorded: the request
 * may have been served), or a per-call row from before the write-ahead audit (no `auditId`).
 */
export interface AuditLogEntry {
  id: string;
  /** Core's `auditId` of the request; absent on rows written before migration 004. */
  auditId?: string;
  tidspunkt: string;
  actor?: string;
  purpose?: string;
  legalBasis?: string;
  caseRef?: string;
  operation: string;
  identifiers: string[];
  dtg: string[];
  utfall: string;
  outcome: AuditLogRow['outcome'];
  dataCategories: string[];
  requestIds: string[];
  errorId?: string;
  svvguid?: string;
  errorCode?: string;
}

export function toSak(row: SakRow | SakWithJobRow): Sak {
  const sak: Sak = {
    id: row.id,
    status: row.status,
    kilde: row.kilde,
    observertTidspunkt: row.observert_tidspunkt.toISOString(),
    sted: row.sted,
    opprettet: row.opprettet.toISOString(),
    oppdatert: row.oppdatert.toISOString(),
  };
  if (row.kjennemerke) sak.kjennemerke = row.kjennemerke;
  if (row.understellsnummer) sak.understellsnummer = row.understellsnummer;
  if (row.beskrivelse) sak.beskrivelse = row.beskrivelse;
  if (row.meldt_av) sak.meldtAv = row.meldt_av;
  if (row.kjoretoy) sak.kjoretoy = row.kjoretoy;
  if (row.eier) sak.eier = row.eier;
  if (row.feilarsak) sak.feilarsak = row.feilarsak;
  if (row.eier_funnet_tidspunkt) sak.eierFunnetTidspunkt = row.eier_funnet_tidspunkt.toISOString();
  if (row.varsel_frist) sak.varselFrist = row.varsel_frist.toISOString();
  if (row.varsel_sendt) sak.varselSendt = row.varsel_sendt.toISOString();
  if (row.varsel_kanal) sak.varselKanal = row.varsel_kanal;
  if (row.fjernet) sak.fjernet = row.fjernet.toISOString();
  if (row.lukket) sak.lukket = row.lukket.toISOString();
  if (row.lukket_grunn) sak.lukketGrunn = row.lukket_grunn;
  if ('job_status' in row && row.job_status) {
    sak.oppslag = { status: row.job_status, forsok: Number(row.job_attempts ?? 0) };
    if (row.job_status === 'PENDING' && row.job_run_after)
      sak.oppslag.nesteForsok = new Date(row.job_run_after).toISOString();
    if (row.job_last_error) sak.oppslag.sisteFeil = row.job_last_error;
  }
  return sak;
}

export function toAuditLogEntry(row: AuditLogRow): AuditLogEntry {
  const entry: AuditLogEntry = {
    id: row.id,
    tidspunkt: row.occurred_at.toISOString(),
    operation: row.operation,
    identifiers: row.identifiers,
    dtg: row.dtg,
    utfall: row.result,
    outcome: row.outcome,
    dataCategories: row.data_categories,
    requestIds: row.request_ids,
  };
  if (row.audit_id) entry.auditId = row.audit_id;
  if (row.actor) entry.actor = row.actor;
  if (row.purpose) entry.purpose = row.purpose;
  if (row.legal_basis) entry.legalBasis = row.legal_basis;
  if (row.case_ref) entry.caseRef = row.case_ref;
  if (row.error_id) entry.errorId = row.error_id;
  if (row.svvguid) entry.svvguid = row.svvguid;
  if (row.error_code) entry.errorCode = row.error_code;
  return entry;
}
