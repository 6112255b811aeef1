/**
 * `--audit-file`: one JSON line per audit event, appended. The event holds the identifiers looked
 * up, which is the point of an audit record, so it goes to the file the user chose and nowhere else.
 */

import { appendFile } from 'node:fs/promises';
import type { AuditEvent, AuditSink } from '@kjoretoyregister/core';

export function createAuditFileSink(path: string): AuditSink {
  return {
    async write(event: AuditEvent) {
      await appendFile(path, `${JSON.stringify(event)}\n`, { encoding: 'utf8', mode: 0o600 });
    },
  };
}
