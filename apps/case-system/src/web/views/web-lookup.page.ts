import type { Part } from '@kjoretoyregister/core';
import type { AuthUser } from '../../auth/auth-user.js';
import type { WebLookupConfig } from '../../config/web-lookup.config.js';
import type { WebLookupRequest, WebLookupResult, Treff } from '../../web-lookup/web-lookup.service.js';
import { ANNET, KINDS, type NySakForm, type WebLookupForm } from '../web-lookup.form.js';
import { toOsloLocalInput } from '../oslo-time.js';
import { dato, html, tid, type SafeHtml } from './html.js';
import { errorSummary, fieldError, layout, type FieldError } from './layout.js';

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
        <fieldset>
          <legend>Formål og hjemmel</legend>
          ${choiceField(
            'formal',
            'Formål',
            form.formal,
            form.formalAnnet,
            config.purposes,
            config.freeTextPurpose,
            errors,
          )}
          ${choiceField(
            'hjemmel',
            'Hjemmel',
            form.hjemmel,
            form.hjemmelAnnet,
            config.legalBases,
            config.freeTextLegalBasis,
            errors,
          )}
        </fieldset>
        <fieldset>
          <legend>Hva vil du slå opp på?</legend>
          ${fieldError(errors, 'type-kjennemerke').message}
          ${KINDS.map(
            (kind) =>
              html`<div class="radio">
                <input
                  type="radio"
                  id="type-${kind.value}"
                  name="type"
                  value="${kind.value}"
                  ${form.type === kind.value ? html`checked` : ''}
                />
                <label for="type-${kind.value}">${kind.label}</label>
              </div>`,
          )}
          ${textField('verdi', 'Kjennemerke, understellsnummer, kuid eller navn', form.verdi, errors, {
            hint: 'Kjennemerke uten mellomrom, for eksempel ST10001. Navn skrives helt, for eksempel OLE FLYTTSTAD.',
          })}
          <label for="tidspunkt">Tidspunkt (valgfritt, norsk tid)</label>
          <p class="hint" id="tidspunkt-hint">
            Eier og kjøretøy slik de var på dette tidspunktet. Tomt: slik de er nå. Gjelder ikke søk på navn.
          </p>
          ${(() => {
            const error = fieldError(errors, 'tidspunkt');
            return html`${error.message}<input
                type="datetime-local"
                id="tidspunkt"
                name="tidspunkt"
                value="${form.tidspunkt}"
                aria-describedby="tidspunkt-hint"
                ${error.attrs}
              />`;
          })()}
        </fieldset>
        <button type="submit">Slå opp</button>
      </form>
      ${done ? resultSection(form, done.request, done.result) : ''}`,
    { current: '/oppslag' },
  );
}

function choiceField(
  id: string,
  label: string,
  chosen: string,
  annet: string,
  list: readonly string[],
  freeText: boolean,
  errors: readonly FieldError[],
): SafeHtml {
  const error = fieldError(errors, id);
  const annetError = fieldError(errors, `${id}Annet`);
  return html`<label for="${id}">${label}</label>
    ${error.message}
    <select id="${id}" name="${id}" ${error.attrs}>
      <option value="" ${chosen === '' ? html`selected` : ''}>Velg ${label.toLowerCase()}</option>
      ${list.map((item) => html`<option value="${item}" ${item === chosen ? html`selected` : ''}>${item}</option>`)}
      ${freeText
        ? html`<option value="${ANNET}" ${chosen === ANNET ? html`selected` : ''}>Annet (skriv selv)</option>`
        : ''}
    </select>
    ${freeText
      ? html`<label for="${id}Annet">${label}, hvis annet</label>
          ${annetError.message}
          <input type="text" id="${id}Annet" name="${id}Annet" value="${annet}" maxlength="200" ${annetError.attrs} />`
      : ''}`;
}

function textField(
  id: string,
  label: string,
  value: string,
  errors: readonly FieldError[],
  options: { hint?: string; autocomplete?: string } = {},
): SafeHtml {
  const error = fieldError(errors, id);
  return html`<label for="${id}">${label}</label>
    ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''} ${error.message}
    <input
      type="text"
      id="${id}"
      name="${id}"
      value="${value}"
      autocomplete="off"
      spellcheck="false"
      ${options.hint && !errors.some((e) => e.field === id) ? html`aria-describedby="${id}-hint"` : ''}
      ${error.attrs}
    />`;
}

function resultSection(form: WebLookupForm, request: WebLookupRequest, result: WebLookupResult): SafeHtml {
  const kindLabel = KINDS.find((k) => k.value === request.kind)?.label.toLowerCase() ?? request.kind;
  const asked = html`<p class="hint">
    Oppslag på ${kindLabel} ${request.value}${request.dtg ? html` per ${tid(request.dtg)}` : ' slik registeret er nå'};
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
  ${a
    ? html`<br />${a.adresselinjer.map((line) => html`${line}<br />`)}${[a.postnummer, a.poststed]
          .filter(Boolean)
          .join(' ')}`
    : html`<br />Ingen adresse oppgitt`}
  ${part.fomTidspunkt ? html`<br />Eier fra ${tid(part.fomTidspunkt)}` : ''}
  ${part.tilTidspunkt ? html`<br />Eier til ${tid(part.tilTidspunkt)}` : ''}`;
}

export function nySakPage(user: AuthUser, form: NySakForm, errors: readonly FieldError[]): string {
  const error = (id: string) => fieldError(errors, id);
  const input = (id: string, label: string, value: string, extra: SafeHtml | string = '') => {
    const e = error(id);
    return html`<label for="${id}">${label}</label>
      ${e.message}
      <input type="text" id="${id}" name="${id}" value="${value}" ${e.attrs} ${extra} />`;
  };
  const observert = error('observert');
  const beskrivelse = error('beskrivelse');
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
        <label for="observert">Observert (norsk tid)</label>
        ${observert.message}
        <input type="datetime-local" id="observert" name="observert" value="${form.observert}" ${observert.attrs} />
        ${input(
          'adresse',
          'Hvor står kjøretøyet? (adresse eller stedsbeskrivelse)',
          form.adresse,
          html`autocomplete="off"`,
        )}
        ${input('lat', 'Breddegrad', form.lat, html`inputmode="decimal"`)}
        ${input('lon', 'Lengdegrad', form.lon, html`inputmode="decimal"`)}
        <label for="beskrivelse">Beskrivelse (valgfritt)</label>
        ${beskrivelse.message}
        <textarea id="beskrivelse" name="beskrivelse" maxlength="2000" ${beskrivelse.attrs}>
${form.beskrivelse}</textarea
        >
        <button type="submit">Opprett sak</button>
      </form>`,
    { current: '/oppslag' },
  );
}
