import type { AuthUser } from '../../auth/auth-user.js';
import type { BulkCounts, BulkLookupRow } from '../../persistence/bulk-lookups.repository.js';
import { html, tid } from './html.js';
import { layout } from './layout.js';
import { kindLabel, STATUS_LABELS } from './bulk-lookup.page.js';

/** What the page and its status endpoint show; no identifier, no name: counts only. */
export type BulkProgress = Omit<BulkCounts, 'pending'> & {
  status: BulkLookupRow['status'];
  statusText: string;
  finished: boolean;
  text: string;
};

export function progressOf(bulk: BulkLookupRow, counts: BulkCounts | undefined): BulkProgress {
  const c = counts ?? {
    total: bulk.total,
    done: 0,
    pending: bulk.total,
    cancelled: 0,
    found: 0,
    notFound: 0,
    shielded: 0,
    unavailable: 0,
    several: 0,
    failed: 0,
  };
  const finished = bulk.status === 'DONE' || bulk.status === 'CANCELLED';
  // Items left pending in a cancelled lookup (a batch that was running when it was cancelled, whose
  // worker then died) will never run: they count as cancelled.
  const cancelled = c.cancelled + (bulk.status === 'CANCELLED' ? c.pending : 0);
  return {
    status: bulk.status,
    statusText: STATUS_LABELS[bulk.status],
    finished,
    total: c.total,
    done: c.done,
    found: c.found,
    notFound: c.notFound,
    shielded: c.shielded,
    unavailable: c.unavailable,
    several: c.several,
    failed: c.failed,
    cancelled,
    text: `${STATUS_LABELS[bulk.status]}: ${c.done} av ${c.total} linjer ferdig${cancelled > 0 ? `, ${cancelled} avbrutt` : ''}.`,
  };
}

const COUNTS: readonly { key: keyof BulkProgress; label: string }[] = [
  { key: 'found', label: 'Funnet' },
  { key: 'notFound', label: 'Ikke funnet' },
  { key: 'shielded', label: 'Skjermet eier' },
  { key: 'unavailable', label: 'Ikke utlevert' },
  { key: 'several', label: 'Flere treff' },
  { key: 'failed', label: 'Feilet' },
  { key: 'cancelled', label: 'Avbrutt' },
];

export function bulkLookupStatusPage(user: AuthUser, bulk: BulkLookupRow, progress: BulkProgress): string {
  const base = `/masseoppslag/${bulk.id}`;
  return layout(
    'Masseoppslag',
    user,
    html`<h1>Masseoppslag: ${kindLabel(bulk.kind).toLowerCase()}</h1>
      <dl>
        <dt>Status</dt>
        <dd data-felt="statusText">${progress.statusText}</dd>
        <dt>Opprettet</dt>
        <dd>${tid(bulk.created_at.toISOString())} av ${bulk.actor}</dd>
        <dt>Formål</dt>
        <dd>${bulk.purpose}</dd>
        <dt>Hjemmel</dt>
        <dd>${bulk.legal_basis}</dd>
        <dt>Linjer</dt>
        <dd>${progress.total}</dd>
      </dl>
      <section class="fremdrift" aria-labelledby="fremdrift-tittel" data-status-url="${base}/status">
        <h2 id="fremdrift-tittel">Fremdrift</h2>
        <label for="fremdrift">Ferdige linjer</label>
        <progress id="fremdrift" max="${progress.total}" value="${progress.done}">
          ${progress.done} av ${progress.total}
        </progress>
        <p id="fremdrift-tekst" aria-live="polite">${progress.text}</p>
        <dl class="tall">
          ${COUNTS.map(
            ({ key, label }) =>
              html`<dt>${label}</dt>
                <dd data-felt="${key}">${progress[key]}</dd>`,
          )}
        </dl>
      </section>
      ${progress.finished
        ? html`<p>
            <a class="button" href="${base}/resultat.csv" download>Last ned resultatet (CSV)</a>
          </p>`
        : html`<p class="hint">Siden oppdaterer seg selv. Uten JavaScript: <a href="${base}">Oppdater</a>.</p>
            <form method="post" action="${base}/avbryt">
              <button type="submit">Avbryt masseoppslaget</button>
            </form>
            <script src="/static/bulk-lookup.js" defer></script>`}
      <p><a href="/masseoppslag">Tilbake til masseoppslag</a></p>`,
    { current: '/masseoppslag' },
  );
}
