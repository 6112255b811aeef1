import type { Part } from '@kjoretoyregister/core';
import type { AuthUser } from '../../auth/auth-user.js';
import { grunnLabel, kanalLabel, LUKKET_GRUNNER, MAX_MERKNAD, VARSEL_KANALER } from '../../case-work/case-work.js';
import type { TimelineEntry } from '../../case-work/case-work.service.js';
import type { Sak } from '../../saker/domain/sak.js';
import type { CaseWorkForms } from '../case-work.form.js';
import type { NySakForm } from '../web-lookup.form.js';
import { dato, html, tid, type SafeHtml } from './html.js';
import { errorSummary, fieldError, layout, type FieldError } from './layout.js';
import { addressLines, dataTable, observationFields, radioFieldset, textField } from './partials.js';

export interface SakPageModel {
  sak: Sak;
  timeline: TimelineEntry[];
  forms: CaseWorkForms;
  errors: readonly FieldError[];
}

export function sakPage(user: AuthUser, model: SakPageModel): string {
  const { sak } = model;
  return layout(
    `Sak ${sak.kjennemerke ?? sak.understellsnummer ?? ''}`,
    user,
    html`<h1>
        Sak <span class="status status-${sak.status}">${sak.status}</span>
        ${sak.lukket ? html`<span class="status status-lukket">Lukket</span>` : html`<span class="status">Åpen</span>`}
      </h1>
      ${errorSummary(model.errors)}
      <dl>
        <dt>Saks-id</dt>
        <dd>${sak.id}</dd>
        <dt>Kilde</dt>
        <dd>${sak.kilde}</dd>
        <dt>Observert</dt>
        <dd>${tid(sak.observertTidspunkt)}</dd>
        <dt>Sted</dt>
        <dd>${sak.sted.adresse ?? ''} (${sak.sted.lat}, ${sak.sted.lon})</dd>
        ${sak.beskrivelse
          ? html`<dt>Beskrivelse</dt>
              <dd>${sak.beskrivelse}</dd>`
          : ''}
        <dt>Varselfrist</dt>
        <dd>${dato(sak.varselFrist)}${fristPassert(sak) ? html` <strong class="error">(passert)</strong>` : ''}</dd>
        <dt>Varsel sendt</dt>
        <dd>${sak.varselSendt ? `${tid(sak.varselSendt)} (${kanalLabel(sak.varselKanal ?? '')})` : 'Nei'}</dd>
        <dt>Kjøretøyet fjernet</dt>
        <dd>${sak.fjernet ? tid(sak.fjernet) : 'Nei'}</dd>
        ${sak.lukket
          ? html`<dt>Lukket</dt>
              <dd>${tid(sak.lukket)}: ${grunnLabel(sak.lukketGrunn ?? '')}</dd>`
          : ''}
        ${sak.feilarsak
          ? html`<dt>Merknad</dt>
              <dd>${sak.feilarsak}</dd>`
          : ''}
        ${sak.oppslag
          ? html`<dt>Oppslag</dt>
              <dd>
                ${sak.oppslag.status}, ${sak.oppslag.forsok}
                forsøk${sak.oppslag.sisteFeil ? html` · siste feil: ${sak.oppslag.sisteFeil}` : ''}
              </dd>`
          : ''}
      </dl>

      <h2>Kjøretøy</h2>
      ${kjoretoySection(sak)}

      <h2>Eier på observasjonstidspunktet</h2>
      ${eierSection(sak)}

      <h2>Saksbehandling</h2>
      ${sak.lukket
        ? html`<p class="melding">Saken er lukket og kan ikke endres.</p>`
        : caseWorkForms(sak, model.forms, model.errors)}

      <h2 id="tidslinje">Tidslinje</h2>
      ${timelineTable(model.timeline)}`,
    { current: '/saker' },
  );
}

function fristPassert(sak: Sak): boolean {
  return !sak.lukket && !sak.varselSendt && sak.varselFrist !== undefined && Date.parse(sak.varselFrist) < Date.now();
}

function timeField(id: string, label: string, value: string, errors: readonly FieldError[]): SafeHtml {
  const error = fieldError(errors, id);
  return html`<label for="${id}">${label}</label>
    ${error.message}
    <input type="datetime-local" id="${id}" name="${id}" value="${value}" ${error.attrs} />`;
}

function noteField(id: string, label: string, value: string, errors: readonly FieldError[]): SafeHtml {
  const error = fieldError(errors, id);
  return html`<label for="${id}">${label}</label>
    <p class="hint" id="${id}-hint">Ikke skriv personopplysninger som ikke trengs i saken.</p>
    ${error.message}
    <textarea id="${id}" name="${id}" maxlength="${MAX_MERKNAD}" aria-describedby="${id}-hint" ${error.attrs}>
${value}</textarea
    >`;
}

/** One form per change, each a same-origin POST; the lookup re-run is a button on its own. */
function caseWorkForms(sak: Sak, forms: CaseWorkForms, errors: readonly FieldError[]): SafeHtml {
  return html`<div class="saksbehandling">
    <form class="skjema" method="post" action="/saker/${sak.id}/varsel" novalidate aria-labelledby="varsel-tittel">
      <h3 id="varsel-tittel">Registrer at varsel er sendt</h3>
      ${radioFieldset('kanal', 'Hvordan ble varselet sendt?', VARSEL_KANALER, forms.kanal, errors)}
      ${timeField('sendt', 'Sendt (norsk tid)', forms.sendt, errors)}
      <button type="submit">Registrer varsel</button>
    </form>
    ${sak.fjernet
      ? ''
      : html`<form
          class="skjema"
          method="post"
          action="/saker/${sak.id}/fjernet"
          novalidate
          aria-labelledby="fjernet-tittel"
        >
          <h3 id="fjernet-tittel">Registrer at kjøretøyet er fjernet</h3>
          ${timeField('fjernet', 'Fjernet (norsk tid)', forms.fjernet, errors)}
          ${noteField('fjernetMerknad', 'Merknad (valgfritt)', forms.fjernetMerknad, errors)}
          <button type="submit">Registrer fjerning</button>
        </form>`}
    <form class="skjema" method="post" action="/saker/${sak.id}/lukk" novalidate aria-labelledby="lukk-tittel">
      <h3 id="lukk-tittel">Lukk saken</h3>
      ${radioFieldset('grunn', 'Hvorfor lukkes saken?', LUKKET_GRUNNER, forms.grunn, errors)}
      ${noteField('lukkMerknad', 'Merknad (påkrevd ved «Annet»)', forms.lukkMerknad, errors)}
      <button type="submit">Lukk saken</button>
    </form>
    <form class="skjema" method="post" action="/saker/${sak.id}/oppslag" aria-labelledby="oppslag-tittel">
      <h3 id="oppslag-tittel">Nytt oppslag</h3>
      <p class="hint">Slår opp eieren på observasjonstidspunktet på nytt, logget med deg som ansvarlig.</p>
      <button type="submit">Gjør nytt oppslag</button>
    </form>
  </div>`;
}

function hendelseText(entry: Extract<TimelineEntry, { kind: 'hendelse' }>): { hva: string; detaljer: string } {
  const d = entry.hendelse.details;
  const note = d['merknad'] ? ` · ${d['merknad']}` : '';
  switch (entry.hendelse.type) {
    case 'varsel_sendt':
      return { hva: 'Varsel sendt', detaljer: `${kanalLabel(d['kanal'] ?? '')}, ${tid(d['sendt'])}` };
    case 'fjernet':
      return { hva: 'Kjøretøyet fjernet', detaljer: `${tid(d['fjernet'])}${note}` };
    case 'lukket':
      return { hva: 'Saken lukket', detaljer: `${grunnLabel(d['grunn'] ?? '')}${note}` };
    case 'nytt_oppslag':
      return { hva: 'Nytt oppslag bestilt', detaljer: '' };
  }
}

function oppslagText(entry: Extract<TimelineEntry, { kind: 'oppslag' }>): SafeHtml {
  const row = entry.oppslag;
  const utfall = row.utfall === 'unknown' ? 'ukjent (svar ikke registrert)' : row.utfall;
  return html`${row.operation}: ${utfall}${row.errorCode ? ` (${row.errorCode})` : ''}<br />
    <span class="hint"
      >Formål: ${row.purpose ?? '–'} · Rettsgrunnlag: ${row.legalBasis ?? '–'}
      ${row.dataCategories.length > 0 ? html`· Datakategorier: ${row.dataCategories.join(', ')}` : ''}
      ${row.requestIds.length > 0 ? html`· Request-id: ${row.requestIds.join(', ')}` : ''}</span
    >`;
}

/** Case events and register lookups in one list, oldest first, each with who did it. */
function timelineTable(timeline: readonly TimelineEntry[]): SafeHtml {
  return dataTable({
    className: 'tidslinje',
    caption: 'Hendelser og registeroppslag i saken, eldste først',
    headers: ['Tidspunkt', 'Hendelse', 'Aktør', 'Detaljer'],
    rows: timeline.map((entry) => {
      if (entry.kind === 'opprettet') {
        return html`<tr>
          <td>${tid(entry.tidspunkt)}</td>
          <td>Sak opprettet</td>
          <td>${entry.actor}</td>
          <td></td>
        </tr>`;
      }
      if (entry.kind === 'oppslag') {
        return html`<tr class="oppslag">
          <td>${tid(entry.tidspunkt)}</td>
          <td>Registeroppslag</td>
          <td>${entry.actor}</td>
          <td>${oppslagText(entry)}</td>
        </tr>`;
      }
      const text = hendelseText(entry);
      return html`<tr class="hendelse">
        <td>${tid(entry.tidspunkt)}</td>
        <td>${text.hva}</td>
        <td>${entry.actor}</td>
        <td>${text.detaljer}</td>
      </tr>`;
    }),
  });
}

/** A case opened by hand from the case list: the identifiers are typed, not carried from a lookup. */
export function nySakManuellPage(user: AuthUser, form: NySakForm, errors: readonly FieldError[]): string {
  return layout(
    'Ny sak',
    user,
    html`<h1>Ny sak</h1>
      ${errorSummary(errors)}
      <p class="hint">Saken får et oppslag på eieren ved observasjonstidspunktet, logget med deg som ansvarlig.</p>
      <form class="skjema" method="post" action="/saker/opprett" novalidate>
        ${textField('kjennemerke', 'Kjennemerke', form.kjennemerke, errors)}
        ${textField(
          'understellsnummer',
          'Understellsnummer (hvis kjennemerket mangler)',
          form.understellsnummer,
          errors,
        )}
        ${observationFields(form, errors)}
        <button type="submit">Opprett sak</button>
      </form>`,
    { current: '/saker' },
  );
}

/** A refused change (409) or a missing case (404), with the way back. */
export function caseMessagePage(user: AuthUser, title: string, message: string, sakId?: string): string {
  return layout(
    title,
    user,
    html`<h1>${title}</h1>
      <p class="melding" role="alert">${message}</p>
      <p>
        ${sakId ? html`<a href="/saker/${sakId}">Tilbake til saken</a>` : html`<a href="/saker">Tilbake til sakene</a>`}
      </p>`,
    { current: '/saker' },
  );
}

function kjoretoySection(sak: Sak): SafeHtml {
  const k = sak.kjoretoy;
  return html`<dl>
    <dt>Kjennemerke</dt>
    <dd>${k?.kjennemerke ?? sak.kjennemerke ?? '–'}</dd>
    <dt>Understellsnummer</dt>
    <dd>${k?.understellsnummer ?? sak.understellsnummer ?? '–'}</dd>
    <dt>Merke og modell</dt>
    <dd>${[k?.merke, k?.modell].filter(Boolean).join(' ') || '–'}</dd>
    <dt>Farge</dt>
    <dd>${k?.farge ?? '–'}</dd>
    <dt>Registreringsstatus</dt>
    <dd>${k?.registreringsstatusNavn ?? k?.registreringsstatus ?? '–'}</dd>
  </dl>`;
}

function eierSection(sak: Sak): SafeHtml {
  if (sak.status === 'SKJERMET') {
    return html`<p class="skjermet">
      Skjermet: eieren kan ikke vises eller varsles til adresse. Saken krever manuell behandling.
    </p>`;
  }
  const eier = sak.eier?.eier;
  if (!eier) return html`<p>–</p>`;
  return html`<dl>
    <dt>Navn</dt>
    <dd>${eier.navn}</dd>
    <dt>Type</dt>
    <dd>${eier.type}</dd>
    <dt>Adresse</dt>
    <dd>${adresse(eier)}</dd>
    <dt>Eier fra</dt>
    <dd>${tid(eier.fomTidspunkt)}</dd>
    ${eier.tilTidspunkt
      ? html`<dt>Eier til</dt>
          <dd>${tid(eier.tilTidspunkt)}</dd>`
      : ''}
  </dl>`;
}

function adresse(part: Part): SafeHtml | string {
  return part.adresse ? addressLines(part.adresse) : '–';
}
