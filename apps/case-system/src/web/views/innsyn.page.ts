import type { AuthUser } from '../../auth/auth-user.js';
import type { Sak } from '../../saker/domain/sak.js';
import type { AuditLogEntry } from '../../saker/sak.mapper.js';
import type { InnsynForm, InnsynQuestion } from '../innsyn.form.js';
import { html, tid, type SafeHtml } from './html.js';
import { errorSummary, layout, type FieldError } from './layout.js';
import { dataTable, textField } from './partials.js';
import { isUuid } from '../form-fields.js';

export interface InnsynView {
  form: InnsynForm;
  errors: readonly FieldError[];
  /** The answer, when a valid question was asked. */
  answer?: { question: InnsynQuestion; lookups: AuditLogEntry[]; saker: Sak[]; produced: Date };
}

const RESULTS: Record<string, string> = {
  found: 'Funnet',
  not_found: 'Ikke funnet',
  unavailable: 'Ikke utlevert',
  invalid: 'Ugyldig',
  error: 'Feilet',
  none: 'Ingen treff',
  unknown: 'Ukjent (svar ikke registrert)',
};

export function innsynPage(user: AuthUser, view: InnsynView): string {
  const { form, errors, answer } = view;
  return layout(
    answer ? 'Innsyn – svar' : 'Innsyn',
    user,
    html`<h1>Innsyn i oppslag</h1>
      <div class="skjerm">
        <p class="hint">
          For en innsynsbegjæring (personvernforordningen art. 15): hvem som har slått opp et kjøretøy i
          Kjøretøyregisteret, når, med hvilket formål og hjemmel, og sakene om kjøretøyet.
        </p>
        ${errorSummary(errors)}
        <form class="skjema" method="post" action="/innsyn" novalidate>
          ${textField('kjennemerke', 'Kjennemerke', form.kjennemerke, errors, { hint: 'For eksempel ST10001.' })}
          ${textField('understellsnummer', 'Understellsnummer', form.understellsnummer, errors, {
            hint: 'Valgfritt ved siden av kjennemerket.',
          })}
          <button type="submit">Vis oppslag</button>
        </form>
      </div>
      ${answer ? answerSection(user, answer) : ''}`,
    { current: '/innsyn' },
  );
}

/** Only an admin may see who looked up whom; everyone else gets this. */
export function innsynForbiddenPage(user: AuthUser): string {
  return layout(
    'Ingen tilgang',
    user,
    html`<h1>Ingen tilgang</h1>
      <p class="melding">Innsyn i oppslagsloggen er bare for administratorer.</p>
      <p><a href="/saker">Tilbake til sakene</a></p>`,
  );
}

function answerSection(user: AuthUser, answer: NonNullable<InnsynView['answer']>): SafeHtml {
  const { question, lookups, saker, produced } = answer;
  const asked = [
    question.kjennemerke ? `kjennemerke ${question.kjennemerke}` : '',
    question.understellsnummer ? `understellsnummer ${question.understellsnummer}` : '',
  ]
    .filter(Boolean)
    .join(' og ');
  return html`<section aria-labelledby="svar">
    <h2 id="svar" tabindex="-1">Oppslag som gjelder ${asked}</h2>
    <p class="utskrift-info">Laget ${tid(produced.toISOString())} av ${user.name} (${user.role}).</p>
    <p class="hint skjerm">
      Skriv ut eller lagre som PDF med Ctrl+P (Cmd+P på Mac); utskriften viser bare svaret, uten meny og skjema.
    </p>
    <p>
      ${lookups.length === 1 ? '1 oppslag' : `${lookups.length} oppslag`} i registeret,
      ${saker.length === 1 ? '1 sak' : `${saker.length} saker`} om kjøretøyet.
    </p>
    ${dataTable({
      className: 'innsyn',
      caption: 'Oppslag i Kjøretøyregisteret, eldste først',
      headers: ['Tidspunkt', 'Operasjon', 'Hvem', 'Formål', 'Hjemmel', 'Oppslag per', 'Resultat', 'Sak', 'Request-id'],
      empty: 'Ingen oppslag er logget for dette kjøretøyet.',
      rows: lookups.map(
        (row) =>
          html`<tr>
            <td>${tid(row.tidspunkt)}</td>
            <td>${row.operation}</td>
            <td>${row.actor ?? '–'}</td>
            <td>${row.purpose ?? '–'}</td>
            <td>${row.legalBasis ?? '–'}</td>
            <td>${row.dtg.length === 0 ? 'nå' : row.dtg.map((dtg) => tid(dtg)).join(', ')}</td>
            <td>${RESULTS[row.utfall] ?? row.utfall}${row.errorCode ? ` (${row.errorCode})` : ''}</td>
            <td>${caseLink(row.caseRef)}</td>
            <td class="id">${row.requestIds.join(', ') || '–'}</td>
          </tr>`,
      ),
    })}
    ${dataTable({
      className: 'innsyn',
      caption: 'Saker om kjøretøyet',
      headers: ['Sak', 'Opprettet', 'Kilde', 'Status'],
      empty: 'Ingen saker om kjøretøyet.',
      rows: saker.map(
        (sak) =>
          html`<tr>
            <td class="id"><a href="/saker/${sak.id}">${sak.id}</a></td>
            <td>${tid(sak.opprettet)}</td>
            <td>${sak.kilde}</td>
            <td><span class="status status-${sak.status}">${sak.status}</span></td>
          </tr>`,
      ),
    })}
  </section>`;
}

/**
 * A case's id links to it, shortened to its first eight characters (the case table below has the
 * whole id); another reference (a bulk lookup's `masseoppslag:<id>`) is shown as it is.
 */
function caseLink(caseRef: string | undefined): SafeHtml | string {
  if (!caseRef) return '–';
  return isUuid(caseRef) ? html`<a href="/saker/${caseRef}">Sak ${caseRef.slice(0, 8)}</a>` : caseRef;
}
