import type { AuthUser } from '../../auth/auth-user.js';
import type { Sak } from '../../saker/domain/sak.js';
import { dato, html, tid } from './html.js';
import { layout } from './layout.js';

export function sakerPage(user: AuthUser, saker: Sak[]): string {
  return layout(
    'Saker',
    user,
    html`<h1>Saker</h1>
      <table>
        <thead>
          <tr>
            <th>Mottatt</th>
            <th>Kjennemerke</th>
            <th>Understellsnummer</th>
            <th>Observert</th>
            <th>Status</th>
            <th>Varselfrist</th>
          </tr>
        </thead>
        <tbody>
          ${saker.length === 0
            ? html`<tr>
                <td colspan="6">Ingen saker ennå.</td>
              </tr>`
            : ''}
          ${saker.map(
            (sak) =>
              html`<tr>
                <td><a href="/saker/${sak.id}">${tid(sak.opprettet)}</a></td>
                <td>${sak.kjennemerke ?? '–'}</td>
                <td>${sak.understellsnummer ?? '–'}</td>
                <td>${tid(sak.observertTidspunkt)}</td>
                <td><span class="status status-${sak.status}">${sak.status}</span></td>
                <td>${dato(sak.varselFrist)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    { current: '/saker' },
  );
}
