import type { Part } from '@kjoretoyregister/core';
import type { WebLookupConfig } from '../../config/web-lookup.config.js';
import { ANNET, type PurposeForm } from '../purpose.form.js';
import type { NySakForm } from '../web-lookup.form.js';
import { html, type SafeHtml } from './html.js';
import { fieldError, type FieldError } from './layout.js';

/** Pieces of markup more than one page renders; each page composes them, none renders a whole page. */

/** Purpose and legal basis of a lookup (Oppslag, Masseoppslag): the lists from the configuration, "Annet" if allowed. */
export function purposeFieldset(form: PurposeForm, config: WebLookupConfig, errors: readonly FieldError[]): SafeHtml {
  return html`<fieldset>
    <legend>Formål og hjemmel</legend>
    ${choiceField('formal', 'Formål', form.formal, form.formalAnnet, config.purposes, config.freeTextPurpose, errors)}
    ${choiceField(
      'hjemmel',
      'Hjemmel',
      form.hjemmel,
      form.hjemmelAnnet,
      config.legalBases,
      config.freeTextLegalBasis,
      errors,
    )}
  </fieldset>`;
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

/**
 * A group of radio buttons. A problem with the choice is reported on the first button's id
 * (`<name>-<first value>`), so the error summary links to something focusable. `more` is markup
 * that belongs in the same fieldset after the buttons.
 */
export function radioFieldset(
  name: string,
  legend: string,
  options: readonly { value: string; label: string }[],
  chosen: string,
  errors: readonly FieldError[],
  more: SafeHtml | string = '',
): SafeHtml {
  const first = options[0]?.value ?? '';
  return html`<fieldset>
    <legend>${legend}</legend>
    ${fieldError(errors, `${name}-${first}`).message}
    ${options.map(
      (option) =>
        html`<div class="radio">
          <input
            type="radio"
            id="${name}-${option.value}"
            name="${name}"
            value="${option.value}"
            ${option.value === chosen ? html`checked` : ''}
          />
          <label for="${name}-${option.value}">${option.label}</label>
        </div>`,
    )}
    ${more}
  </fieldset>`;
}

/**
 * A one-line text input for identifiers and names: no autocomplete or spellcheck (they would
 * suggest other people's plates and names). The hint describes the input unless an error does.
 */
export function textField(
  id: string,
  label: string,
  value: string,
  errors: readonly FieldError[],
  options: { hint?: string; extra?: SafeHtml } = {},
): SafeHtml {
  const error = fieldError(errors, id);
  const hasError = errors.some((e) => e.field === id);
  return html`<label for="${id}">${label}</label>
    ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''} ${error.message}
    <input
      type="text"
      id="${id}"
      name="${id}"
      value="${value}"
      autocomplete="off"
      spellcheck="false"
      ${hasError ? error.attrs : options.hint ? html`aria-describedby="${id}-hint"` : ''}
      ${options.extra ?? ''}
    />`;
}

/** When and where the vehicle was seen, and a description: the part both "Ny sak" forms share. */
export function observationFields(form: NySakForm, errors: readonly FieldError[]): SafeHtml {
  const observert = fieldError(errors, 'observert');
  const beskrivelse = fieldError(errors, 'beskrivelse');
  return html`<label for="observert">Observert (norsk tid)</label>
    ${observert.message}
    <input type="datetime-local" id="observert" name="observert" value="${form.observert}" ${observert.attrs} />
    ${textField('adresse', 'Hvor står kjøretøyet? (adresse eller stedsbeskrivelse)', form.adresse, errors)}
    ${textField('lat', 'Breddegrad', form.lat, errors, { extra: html`inputmode="decimal"` })}
    ${textField('lon', 'Lengdegrad', form.lon, errors, { extra: html`inputmode="decimal"` })}
    <label for="beskrivelse">Beskrivelse (valgfritt)</label>
    ${beskrivelse.message}
    <textarea id="beskrivelse" name="beskrivelse" maxlength="2000" ${beskrivelse.attrs}>${form.beskrivelse}</textarea>`;
}

/** A party's postal address as the register gives it: its lines, then postcode and place. */
export function addressLines(a: NonNullable<Part['adresse']>): SafeHtml {
  return html`${a.adresselinjer.map((line) => html`${line}<br />`)}${[a.postnummer, a.poststed]
    .filter(Boolean)
    .join(' ')}`;
}

/**
 * A table of records: column headers, one row per record (each page renders its own `<tr>`), and
 * when there are none, `empty` in one cell across the table (or nothing, if the page says so itself).
 */
export function dataTable(table: {
  headers: readonly string[];
  rows: readonly SafeHtml[];
  caption?: string;
  className?: string;
  empty?: string;
}): SafeHtml {
  return html`<table ${table.className ? html`class="${table.className}"` : ''}>
    ${table.caption
      ? html`<caption>
          ${table.caption}
        </caption>`
      : ''}
    <thead>
      <tr>
        ${table.headers.map((header) => html`<th scope="col">${header}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${table.rows.length === 0 && table.empty !== undefined
        ? html`<tr>
            <td colspan="${table.headers.length}">${table.empty}</td>
          </tr>`
        : table.rows}
    </tbody>
  </table>`;
}
