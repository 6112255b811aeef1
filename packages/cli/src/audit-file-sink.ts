/**
 * `--audit-file`: JSON lines, appended. Each register request gets an `"phase":"intent"` line,
 * written (and awaited) before the request is sent, and a `"phase":"completed"` line with the same
 * `auditId` after the answer; each command's call then gets its one summary line (no `phase`), as
 * before. An intent without its completion is a request whose outcome is unknown (the process died
 * mid-call). The lines hold the identifiers looked up, which is the point of an audit record, so
 * they go to the file the user chose and nowhere else.
 */

import { appendFile } from 'node:fs/promises';
import type { AuditCompletion, AuditEvent, AuditIntent, AuditSink } from '@kjoretoyregister/core';

export function createAuditFileSink(path: string): AuditSink {
  const append = (record: AuditIntent | AuditCompletion | AuditEvent) =>
    appendFile(path, `${JSON.stringify(record)}\n`, { encoding: 'utf8', mode: 0o600 });
  return {
    // A failing append rejects: core then refuses to send the request (KJR_AUDIT_WRITE).
    begin: append,
    complete: append,
    write: append,
  };
}
