import type { AuthUser } from '../../auth/auth-user.js';
import type { CaseListPage } from '../../case-work/case-work.service.js';
import { SAK_STATUSES } from '../../saker/domain/sak-status.js';
import type { Sak } from '../../saker/domain/sak.js';
import { APEN_VALG, type CaseListForm } from '../case-work.form.js';
import { dato, html, tid, type SafeHtml } from './html.js';
import { errorSummary, fieldError, layout, type FieldError } from './layout.js';
import { dataTable } from './partials.js';

export interface SakerPageModel {
  form: CaseListForm;
  errors: readonly FieldError[];
  /** Absent when the filters had problems: nothing was searched. */
  result?: CaseListPage;
}

/**
 * The case list. Status, open/closed and "deadline passed" are in the URL (a filter link can be
 * kept); a plate is personal data, so the plate search is a POST and its paging buttons are too.
 */
export function sakerPage(user: AuthUser, model: SakerPageModel): string {
  const { form, errors, result } = model;
  const status = fieldError(errors, 'status');
  const apen = fieldError(errors, 'apen');
  const frist = fieldError(errors, 'frist');
  const plate = fieldError(errors, 'kjennemerke');
  return layout(
    'Saker',
    user,
    html`<h1>Saker</h1>
      <p><a class="button" href="/saker/ny">Ny sak</a></p>
      ${errorSummary(errors)}
      <div class="filtre">
        <form class="filter" method="get" action="/saker" aria-label="Filtrer sakene">
          <div>
            <label for="status">Status på oppslaget</label>
            ${status.message}
            <select id="status" name="status" ${status.attrs}>
              <option value="" ${form.status === '' ? html`selected` : ''}>Alle statuser</option>
              ${SAK_STATUSES.map(
                (s) => html`<option value="${s}" ${s === form.status ? html`selected` : ''}>${s}</option>`,
              )}
            </select>
          </div>
          <div>
            <label for="apen">Åpne eller lukkede</label>
            ${apen.message}
            <select id="apen" name="apen" ${apen.attrs}>
              ${APEN_VALG.map(
                (a) =>
                  html`<option value="${a.value}" ${a.value === form.apen ? html`selected` : ''}>${a.label}</option>`,
              )}
            </select>
          </div>
          <div class="radio">
            <input
              type="checkbox"
              id="frist"
              name="frist"
              value="1"
              ${form.frist === '1' ? html`checked` : ''}
              ${frist.attrs}
            />
            <label for="frist">Bare frist passert uten varsel</label>
            ${frist.message}
          </div>
          <button type="submit">Filtrer</button>
        </form>
        <form class="filter" method="post" action="/saker" aria-label="Søk på kjennemerke">
          ${hiddenFilters(form)}
          <div>
            <label for="kjennemerke">Kjennemerke</label>
            ${plate.message}
            <input
              type="text"
              id="kjennemerke"
              name="kjennemerke"
              value="${form.kjennemerke}"
              autocomplete="off"
              ${plate.attrs}
            />
          </div>
          <button type="submit">Søk</button>
          ${form.kjennemerke !== '' ? html`<a href="${listHref(form, 1)}">Fjern søket</a>` : ''}
        </form>
      </div>
      ${result ? resultSection(form, result) : ''}`,
    { current: '/saker' },
  );
}

function hiddenFilters(form: CaseListForm): SafeHtml {
  return html`<input type="hidden" name="status" value="${form.status}" />
    <input type="hidden" name="apen" value="${form.apen}" />
    ${form.frist === '1' ? html`<input type="hidden" name="frist" value="1" />` : ''}`;
}

/** A link with only the non-personal filters (never the plate). */
function listHref(form: CaseListForm, side: number): string {
  const query = new URLSearchParams();
  if (form.status) query.set('status', form.status);
  query.set('apen', form.apen);
  if (form.frist === '1') query.set('frist', '1');
  if (side > 1) query.set('side', String(side));
  return `/saker?${query.toString()}`;
}

function pageLink(form: CaseListForm, side: number, label: string): SafeHtml {
  if (form.kjennemerke === '') return html`<a href="${listHref(form, side)}">${label}</a>`;
  return html`<form method="post" action="/saker">
    ${hiddenFilters(form)}
    <input type="hidden" name="kjennemerke" value="${form.kjennemerke}" />
    <input type="hidden" name="side" value="${side}" />
    <button type="submit">${label}</button>
  </form>`;
}

function saksbehandling(sak: Sak): string {
  if (sak.lukket) return 'Lukket';
  if (sak.fjernet) return 'Fjernet';
  if (sak.varselSendt) return 'Varslet';
  if (sak.varselFrist && Date.parse(sak.varselFrist) < Date.now()) return 'Frist passert';
  return 'Åpen';
}

function resultSection(form: CaseListForm, result: CaseListPage): SafeHtml {
  const first = result.total === 0 ? 0 : (result.side - 1) * result.sideStorrelse + 1;
  const last = Math.min(result.total, result.side * result.sideStorrelse);
  return html`<p class="antall" aria-live="polite">
      ${result.total === 0
        ? 'Ingen saker passer med filteret.'
        : `Viser ${first}–${last} av ${result.total} ${result.total === 1 ? 'sak' : 'saker'}`}
    </p>
    ${dataTable({
      headers: ['Mottatt', 'Kjennemerke', 'Understellsnummer', 'Observert', 'Status', 'Varselfrist', 'Saksbehandling'],
      empty: 'Ingen saker.',
      rows: result.saker.map(
        (sak) =>
          html`<tr>
            <td><a href="/saker/${sak.id}">${tid(sak.opprettet)}</a></td>
            <td>${sak.kjennemerke ?? '–'}</td>
            <td>${sak.understellsnummer ?? '–'}</td>
            <td>${tid(sak.observertTidspunkt)}</td>
            <td><span class="status status-${sak.status}">${sak.status}</span></td>
            <td>${dato(sak.varselFrist)}</td>
            <td>${saksbehandling(sak)}</td>
          </tr>`,
      ),
    })}
    ${result.sider > 1
      ? html`<nav class="sider" aria-label="Sider i sakslisten">
          ${result.side > 1 ? pageLink(form, result.side - 1, 'Forrige') : ''}
          <span>Side ${result.side} av ${result.sider}</span>
          ${result.side < result.sider ? pageLink(form, result.side + 1, 'Neste') : ''}
        </nav>`
      : ''}`;
}
