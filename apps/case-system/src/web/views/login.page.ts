import { html } from './html.js';
import { layout } from './layout.js';

export function loginPage(error?: string): string {
  return layout(
    'Logg inn',
    undefined,
    html`<h1>Logg inn</h1>
      <form class="login" method="post" action="/login">
        <label for="apiKey">API-nøkkel</label>
        <input id="apiKey" name="apiKey" type="password" autocomplete="current-password" required />
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <button type="submit">Logg inn</button>
      </form>`,
  );
}
