import type { Part } from '@kjoretoyregister/core';
import type { AuthUser } from '../../auth/auth-user.js';
import type { Sak } from '../../saker/domain/sak.js';
import type { AuditLogEntry } from '../../saker/sak.mapper.js';
import { dato, html, tid, type SafeHtml } from './html.js';
import { layout } from './layout.js';

export function sakPage(user: AuthUser, sak: Sak, logg: AuditLogEntry[]): string {
  return layout(
    `Sak ${sak.kjennemerke ?? sak.understellsnummer ?? ''}`,
    user,
    html`<h1>Sak <span class="status status-${sak.status}">${sak.status}</span></h1>
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
        <dd>${dato(sak.varselFrist)}</dd>
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

      <h2>Oppslagslogg</h2>
      ${auditLogTable(logg)}`,
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

/** One row per register request: its intent and, when recorded, its outcome. */
function auditLogTable(logg: AuditLogEntry[]): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th>Tidspunkt</th>
        <th>Aktør</th>
        <th>Formål</th>
        <th>Rettsgrunnlag</th>
        <th>Operasjon</th>
        <th>Utfall</th>
        <th>Datakategorier</th>
        <th>Request-id</th>
      </tr>
    </thead>
    <tbody>
      ${logg.length === 0
        ? html`<tr>
            <td colspan="8">Ingen oppslag ennå.</td>
          </tr>`
        : ''}
      ${logg.map(
        (row) =>
          html`<tr>
            <td>${tid(row.tidspunkt)}</td>
            <td>${row.actor ?? '–'}</td>
            <td>${row.purpose ?? '–'}</td>
            <td>${row.legalBasis ?? '–'}</td>
            <td>${row.operation}</td>
            <td>
              ${row.utfall === 'unknown' ? 'ukjent (svar ikke registrert)' : row.utfall}${row.errorCode
                ? html` (${row.errorCode})`
                : ''}
            </td>
            <td>${row.dataCategories.join(', ') || '–'}</td>
            <td>${row.requestIds.join(', ') || '–'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
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
  const a = part.adresse;
  if (!a) return '–';
  return html`${a.adresselinjer.map((line) => html`${line}<br />`)}${[a.postnummer, a.poststed]
    .filter(Boolean)
    .join(' ')}`;
}
