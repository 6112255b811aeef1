// After the app has stopped cleanly: what its database really holds, compared with what it
// acknowledged. An accepted webhook-id without a case (or a case without its lookup job) is lost.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const INBOX = `SELECT w.webhook_id, w.sak_id::text AS sak_id, s.status
  FROM inbound_webhooks w JOIN saker s ON s.id = w.sak_id WHERE w.source = $1`;
const WITHOUT_JOB = `SELECT count(*)::int AS n FROM saker s
  WHERE NOT EXISTS (SELECT 1 FROM lookup_jobs j WHERE j.sak_id = s.id)`;
const BY_STATUS = `SELECT status, count(*)::int AS n FROM saker GROUP BY status`;

/** `database`: `{ dataDir }` (PGlite, opened here once the app let go of it) or `{ url }` (PostgreSQL). */
async function query(database, run) {
  if (database.dataDir) {
    const db = await PGlite.create(database.dataDir);
    try {
      return await run((text, params) => db.query(text, params));
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await run((text, params) => client.query(text, params));
  } finally {
    await client.end();
  }
}

/** `acknowledged`: webhook-id → case id the app answered with (2xx). */
export async function verifyCases(database, source, acknowledged) {
  return query(database, async (q) => {
    const stored = new Map((await q(INBOX, [source])).rows.map((r) => [r.webhook_id, r]));
    let lost = 0;
    let wrongCase = 0;
    for (const [webhookId, caseId] of acknowledged) {
      const row = stored.get(webhookId);
      if (!row) lost++;
      else if (caseId !== undefined && row.sak_id !== caseId) wrongCase++;
    }
    const byStatus = Object.fromEntries((await q(BY_STATUS)).rows.map((r) => [r.status, r.n]));
    const withoutJob = (await q(WITHOUT_JOB)).rows[0].n;
    return { acknowledged: acknowledged.size, stored: stored.size, lost, wrongCase, withoutJob, byStatus };
  });
}
