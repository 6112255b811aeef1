import type { Part } from '@kjoretoyregister/core';
import type { AuthUser } from '../../auth/auth-user.js';
import type { WebLookupConfig } from '../../config/web-lookup.config.js';
import type { WebLookupRequest, WebLookupResult, Treff } from '../../web-lookup/web-lookup.service.js';
import { EIERNAVN_FILTER_FIELDS, KINDS, type NySakForm, type WebLookupForm } from '../web-lookup.form.js';
import { toOsloLocalInput } from '../oslo-time.js';
import { dato, html, tid, type SafeHtml } from './html.js';
import { errorSummary, fieldError, layout, type FieldError } from './layout.js';
import { addressLines, observationFields, purposeFieldset, radioFieldset, textField } from './partials.js';

export interface WebLookupView {
  config: WebLookupConfig;
  form: WebLookupForm;
  errors: readonly FieldError[];
  /** The lookup made and what it answered, when one was made. */
  done?: { request: WebLookupRequest; result: WebLookupResult };
}

export function webLookupPage(user: AuthUser, view: WebLookupView): string {
  const { config, form, errors, done } = view;
  return layout(
    'Oppslag',
    user,
    html`<h1>Oppslag i Kjøretøyregisteret</h1>
      <p class="hint">
        Velg formål og hjemmel før du slår opp. Alle oppslag logges med deg som ansvarlig, formålet og hjemmelen.
      </p>
      ${errorSummary(errors)}
      <form class="skjema" method="post" action="/oppslag" novalidate>
        ${purposeFieldset(form, config, errors)}
        ${radioFieldset(
          'type',
          'Hva vil du slå opp på?',
          KINDS,
          form.type,
          errors,
          html`${textField('verdi', 'Kjennemerke, understellsnummer, kuid eller navn', form.verdi, errors, {
            hint: 'Kjennemerke uten mellomrom, for eksempel ST10001. Navn skrives helt, for eksempel OLE FLYTTSTAD.',
          })}
          ${tidspunktField(form, errors)}`,
        )}
        ${eiernavnFilterFieldset(form, errors)}
        <button type="submit">Slå opp</button>
      </form>
      ${done ? resultSection(form, done.request, done.result) : ''}`,
    { current: '/oppslag' },
  );
}

function tidspunktField(form: WebLookupForm, errors: readonly FieldError[]): SafeHtml {
  const error = fieldError(errors, 'tidspunkt');
  return html`<label for="tidspunkt">Tidspunkt (valgfritt, norsk tid)</label>
    <p class="hint" id="tidspunkt-hint">
      Eier og kjøretøy slik de var på dette tidspunktet. Tomt: slik de er nå. Gjelder ikke søk på navn.
    </p>
    ${error.message}<input
      type="datetime-local"
      id="tidspunkt"
      name="tidspunkt"
      value="${form.tidspunkt}"
      aria-describedby="tidspunkt-hint"
      ${error.attrs}
    />`;
}

/** S6's optional filters: always shown (no script), refused with any other kind of lookup. */
function eiernavnFilterFieldset(form: WebLookupForm, errors: readonly FieldError[]): SafeHtml {
  const erPerson = fieldError(errors, 'erPerson');
  const fodselsdato = fieldError(errors, 'fodselsdato');
  return html`<fieldset>
    <legend>Avgrens søk på eiers navn (valgfritt)</legend>
    <p class="hint">Gjelder bare søk på eiers navn. Eier, medeier eller leasingtaker må passe med alt du fyller ut.</p>
    ${textField('postnummer', 'Postnummer', form.postnummer, errors, { hint: 'Fire sifre, for eksempel 0150.' })}
    ${textField('poststed', 'Poststed', form.poststed, errors)}
    ${textField('fylke', 'Fylke', form.fylke, errors, { hint: 'Navn eller nummer, for eksempel Oslo eller 03.' })}
    <label for="fodselsdato">Fødselsdato</label>
    ${fodselsdato.message}
    <input type="date" id="fodselsdato" name="fodselsdato" value="${form.fodselsdato}" ${fodselsdato.attrs} />
    <label for="erPerson">Eiertype</label>
    ${erPerson.message}
    <select id="erPerson" name="erPerson" ${erPerson.attrs}>
      ${[
        { value: '', label: 'Personer og organisasjoner' },
        { value: 'true', label: 'Bare personer' },
        { value: 'false', label: 'Bare organisasjoner' },
      ].map(
        (option) =>
          html`<option value="${option.value}" ${form.erPerson === option.value ? html`selected` : ''}>
            ${option.label}
          </option>`,
      )}
    </select>
  </fieldset>`;
}

function resultSection(form: WebLookupForm, request: WebLookupRequest, result: WebLookupResult): SafeHtml {
  const kindLabel = KINDS.find((k) => k.value === request.kind)?.label.toLowerCase() ?? request.kind;
  const asked = html`<p class="hint">
    Oppslag på ${kindLabel}
    ${request.value}${request.dtg ? html` per ${tid(request.dtg)}` : ' slik registeret er nå'}${filterText(request)};
    formål ${request.purpose}; hjemmel ${request.legalBasis}.
  </p>`;
  let body: SafeHtml;
  switch (result.status) {
    case 'found':
      body = html`${result.side ? pager(form, result.side, result.treff.length) : ''}
      ${result.treff.length === 0 ? html`<p class="melding">Ingen flere treff.</p>` : ''}
      ${result.treff.map((treff, index) => treffSection(treff, index, request))}
      ${result.side && result.side.utilgjengelige > 0
        ? html`<p class="melding">
            ${result.side.utilgjengelige} treff er ikke utlevert til kommunen (OPPLYSNINGER_UTILGJENGELIG).
          </p>`
        : ''}
      ${result.side ? pager(form, result.side, result.treff.length) : ''}`;
      break;
    case 'not_found':
      body = html`<p class="melding">
        Fant ingen kjøretøy${request.dtg ? ' på dette tidspunktet' : ''}. Sjekk at du har skrevet riktig.
      </p>`;
      break;
    case 'unavailable':
      body = html`<p class="melding">Opplysningene er ikke utlevert til kommunen (OPPLYSNINGER_UTILGJENGELIG).</p>`;
      break;
    case 'invalid':
      body = html`<p class="melding">Registeret avviste oppslaget som ugyldig. Sjekk det du skrev.</p>`;
      break;
    case 'error':
      body = html`<p class="melding">
        Registeret svarte ikke som det skulle. Prøv igjen om litt. Feilkode: ${result.code}.
      </p>`;
      break;
  }
  return html`<section aria-labelledby="resultat">
    <h2 id="resultat" tabindex="-1">Resultat</h2>
    ${asked} ${body}
  </section>`;
}

function filterText(request: WebLookupRequest): string {
  const f = request.filter;
  if (!f) return '';
  const parts = [
    f.postnummer ? `postnummer ${f.postnummer}` : '',
    f.poststed ? `poststed ${f.poststed}` : '',
    f.fylke ? `fylke ${f.fylke}` : '',
    f.fodselsdato ? `født ${dato(f.fodselsdato)}` : '',
    f.erPerson === undefined ? '' : f.erPerson ? 'bare personer' : 'bare organisasjoner',
  ].filter(Boolean);
  return parts.length === 0 ? '' : `, avgrenset til ${parts.join(', ')}`;
}

/** Previous and next page of an owner-name search: POST forms, so the name never lands in a URL. */
function pager(
  form: WebLookupForm,
  side: NonNullable<Extract<WebLookupResult, { status: 'found' }>['side']>,
  shown: number,
): SafeHtml {
  const last = side.fra - 1 + Math.max(shown + side.utilgjengelige, 0);
  const hidden = (fra: number) =>
    html`<input type="hidden" name="formal" value="${form.formal}" />
      <input type="hidden" name="formalAnnet" value="${form.formalAnnet}" />
      <input type="hidden" name="hjemmel" value="${form.hjemmel}" />
      <input type="hidden" name="hjemmelAnnet" value="${form.hjemmelAnnet}" />
      <input type="hidden" name="type" value="eiernavn" />
      <input type="hidden" name="verdi" value="${form.verdi}" />
      ${EIERNAVN_FILTER_FIELDS.map((name) => html`<input type="hidden" name="${name}" value="${form[name]}" />`)}
      <input type="hidden" name="fra" value="${fra}" />`;
  return html`<nav class="sider" aria-label="Sider i søkeresultatet">
    <span>Treff ${side.fra}–${last}${side.totalt === undefined ? '' : ` av ${side.totalt}`}</span>
    ${side.fra > 1
      ? html`<form method="post" action="/oppslag">
          ${hidden(Math.max(1, side.fra - side.antall))}<button type="submit">Forrige side</button>
        </form>`
      : ''}
    ${side.harNeste
      ? html`<form method="post" action="/oppslag">
          ${hidden(side.fra + side.antall)}<button type="submit">Neste side</button>
        </form>`
      : ''}
  </nav>`;
}

function treffSection(treff: Treff, index: number, request: WebLookupRequest): SafeHtml {
  const k = treff.kjoretoy;
  const headingId = `treff-${index}`;
  return html`<section class="treff" aria-labelledby="${headingId}">
    <h3 id="${headingId}">
      ${k.kjennemerke ?? k.understellsnummer ?? 'Kjøretøy'} –
      ${[k.merke, k.modell].filter(Boolean).join(' ') || 'ukjent merke'}
    </h3>
    <dl>
      <dt>Kjennemerke</dt>
      <dd>${k.kjennemerke ?? '–'}</dd>
      <dt>Understellsnummer</dt>
      <dd>${k.understellsnummer ?? '–'}</dd>
      <dt>Kuid</dt>
      <dd>${k.kuid ?? '–'}</dd>
      <dt>Merke og modell</dt>
      <dd>${[k.merke, k.modell].filter(Boolean).join(' ') || '–'}</dd>
      <dt>Farge</dt>
      <dd>${k.farge ?? '–'}</dd>
      <dt>Registreringsstatus</dt>
      <dd>${k.registreringsstatusNavn ?? k.registreringsstatus ?? '–'}</dd>
      <dt>Første gang registrert i Norge</dt>
      <dd>${k.forstegangsregistrertNorge ? dato(k.forstegangsregistrertNorge) : '–'}</dd>
    </dl>
    <h4>Eierskap${request.dtg ? ` per ${tid(request.dtg)}` : ''}</h4>
    ${eierskap(treff)}
    <form method="post" action="/oppslag/ny-sak">
      <input type="hidden" name="kjennemerke" value="${k.kjennemerke ?? ''}" />
      <input type="hidden" name="understellsnummer" value="${k.understellsnummer ?? ''}" />
      <input type="hidden" name="observert" value="${request.dtg ? toOsloLocalInput(request.dtg) : ''}" />
      <button type="submit" aria-describedby="${headingId}">Opprett sak</button>
    </form>
  </section>`;
}

const ROLE_LABELS = {
  eier: 'Eier',
  medeier: 'Medeier',
  leasingtaker: 'Leasingtaker',
  underenhet: 'Underenhet',
} as const;

function eierskap(treff: Treff): SafeHtml {
  const e = treff.eier;
  const parts = (['eier', 'medeier', 'leasingtaker', 'underenhet'] as const).flatMap((role) => {
    const part = e[role];
    return part ? [{ role, part }] : [];
  });
  if (parts.length === 0) {
    return e.skjermet
      ? html`<p class="skjermet">Skjermet: eierskapet er unntatt offentlighet. Saken krever manuell behandling.</p>`
      : html`<p>Ingen registrert eier.</p>`;
  }
  return html`<dl>
    ${parts.map(
      ({ role, part }) =>
        html`<dt>${ROLE_LABELS[role]}</dt>
          <dd>${partText(part, e.skjermet)}</dd>`,
    )}
  </dl>`;
}

/** A shielded party is "skjermet": no name, no address, nothing to identify them by on the screen. */
function partText(part: Part, vehicleShielded: boolean): SafeHtml {
  if (part.skjermet || vehicleShielded) {
    return html`<span class="skjermet">Skjermet</span> – navn og adresse vises ikke. Saken krever manuell behandling.`;
  }
  const a = part.adresse;
  return html`${part.navn || '(uten navn)'} (${part.type})
  ${part.fodselsnummer ? html`<br />Fødselsnummer: ${part.fodselsnummer}` : ''}
  ${part.organisasjonsnummer ? html`<br />Organisasjonsnummer: ${part.organisasjonsnummer}` : ''}
  ${a ? html`<br />${addressLines(a)}` : html`<br />Ingen adresse oppgitt`}
  ${part.fomTidspunkt ? html`<br />Eier fra ${tid(part.fomTidspunkt)}` : ''}
  ${part.tilTidspunkt ? html`<br />Eier til ${tid(part.tilTidspunkt)}` : ''}`;
}

export function nySakPage(user: AuthUser, form: NySakForm, errors: readonly FieldError[]): string {
  return layout(
    'Ny sak',
    user,
    html`<h1>Ny sak fra oppslaget</h1>
      ${errorSummary(errors)}
      <dl>
        <dt>Kjennemerke</dt>
        <dd>${form.kjennemerke || '–'}</dd>
        <dt>Understellsnummer</dt>
        <dd>${form.understellsnummer || '–'}</dd>
      </dl>
      <p class="hint">Saken får et nytt oppslag på eieren ved observasjonstidspunktet, logget med deg som ansvarlig.</p>
      <form class="skjema" method="post" action="/saker/ny" novalidate>
        <input type="hidden" name="kjennemerke" value="${form.kjennemerke}" />
        <input type="hidden" name="understellsnummer" value="${form.understellsnummer}" />
        ${observationFields(form, errors)}
        <button type="submit">Opprett sak</button>
      </form>`,
    { current: '/oppslag' },
  );
}
