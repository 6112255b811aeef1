import type { AuthUser } from '../../auth/auth-user.js';
import type { BulkLookupConfig } from '../../bulk-lookups/bulk-lookup.config.js';
import type { BulkCounts, BulkLookupRow } from '../../persistence/bulk-lookups.repository.js';
import type { WebLookupConfig } from '../../config/web-lookup.config.js';
import type { BulkLookupStatus } from '../../persistence/schema.js';
import { BULK_KINDS, type BulkLookupForm } from '../bulk-lookup.form.js';
import { html, tid, type SafeHtml } from './html.js';
import { errorSummary, fieldError, layout, type FieldError } from './layout.js';
import { dataTable, purposeFieldset, radioFieldset } from './partials.js';

export const STATUS_LABELS: Record<BulkLookupStatus, string> = {
  QUEUED: 'I kø',
  RUNNING: 'Pågår',
  DONE: 'Ferdig',
  CANCELLED: 'Avbrutt',
};

export interface BulkLookupListEntry {
  bulk: BulkLookupRow;
  counts: BulkCounts | undefined;
}

export interface BulkLookupView {
  config: { webLookup: WebLookupConfig; bulkLookup: BulkLookupConfig };
  form: BulkLookupForm;
  errors: readonly FieldError[];
  list: readonly BulkLookupListEntry[];
}

export function kindLabel(kind: string): string {
  return BULK_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

export function bulkLookupPage(user: AuthUser, view: BulkLookupView): string {
  const { config, form, errors, list } = view;
  const fil = listError(errors, 'fil');
  const linjer = listError(errors, 'linjer');
  return layout(
    'Masseoppslag',
    user,
    html`<h1>Masseoppslag</h1>
      <p class="hint">
        Slå opp mange kjøretøy på én gang. Oppslagene går i bakgrunnen og logges med deg som ansvarlig, formålet og
        hjemmelen. Du kan lukke siden mens det pågår.
      </p>
      ${errorSummary(errors)}
      <form class="skjema" method="post" action="/masseoppslag" enctype="multipart/form-data" novalidate>
        ${purposeFieldset(form, config.webLookup, errors)}
        ${radioFieldset('type', 'Hva inneholder listen?', BULK_KINDS, form.type, errors)}
        <fieldset>
          <legend>Listen</legend>
          <p class="hint" id="liste-hint">
            Én identifikator per linje, eventuelt fulgt av semikolon eller komma og et tidspunkt i norsk tid (2024-03-01
            10:00 eller 01.03.2024 10:00) eller ISO-8601 med tidssone. Uten tidspunkt: slik registeret er nå. En
            overskriftslinje (for eksempel «kjennemerke;tidspunkt») er valgfri. Høyst ${config.bulkLookup.maxLines}
            linjer.
          </p>
          <label for="fil">CSV-fil</label>
          ${fil.message}
          <input
            type="file"
            id="fil"
            name="fil"
            accept=".csv,.txt,text/csv,text/plain"
            ${errors.some((e) => e.field === 'fil') ? fil.attrs : html`aria-describedby="liste-hint"`}
          />
          <label for="linjer">Eller lim inn linjene</label>
          ${linjer.message}
          <textarea
            id="linjer"
            name="linjer"
            rows="8"
            spellcheck="false"
            autocomplete="off"
            ${errors.some((e) => e.field === 'linjer') ? linjer.attrs : html`aria-describedby="liste-hint"`}
          >
${form.linjer}</textarea
          >
        </fieldset>
        <button type="submit">Start masseoppslag</button>
      </form>
      ${listSection(user, list)}`,
    { current: '/masseoppslag' },
  );
}

/** Under the field: its one problem, or a pointer to the summary when several lines are wrong. */
function listError(errors: readonly FieldError[], field: string): ReturnType<typeof fieldError> {
  const own = errors.filter((error) => error.field === field);
  if (own.length <= 1) return fieldError(errors, field);
  return fieldError([{ field, message: 'Flere linjer har feil; se oversikten øverst' }], field);
}

function listSection(user: AuthUser, list: readonly BulkLookupListEntry[]): SafeHtml {
  const admin = user.role === 'admin';
  return html`<section aria-labelledby="mine">
    <h2 id="mine">${admin ? 'Alle masseoppslag' : 'Dine masseoppslag'}</h2>
    ${list.length === 0
      ? html`<p>Ingen masseoppslag ennå.</p>`
      : dataTable({
          headers: ['Opprettet', ...(admin ? ['Av'] : []), 'Type', 'Formål', 'Status', 'Ferdig'],
          rows: list.map(
            ({ bulk, counts }) =>
              html`<tr>
                <td><a href="/masseoppslag/${bulk.id}">${tid(bulk.created_at.toISOString())}</a></td>
                ${admin ? html`<td>${bulk.actor}</td>` : ''}
                <td>${kindLabel(bulk.kind)}</td>
                <td>${bulk.purpose}</td>
                <td>${STATUS_LABELS[bulk.status]}</td>
                <td>${counts ? `${counts.done} av ${counts.total}` : `0 av ${bulk.total}`}</td>
              </tr>`,
          ),
        })}
  </section>`;
}
