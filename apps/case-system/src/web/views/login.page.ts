import { html } from './html.js';
import { layout, movingOnPage } from './layout.js';

export interface LoginOptions {
  error?: string;
  /** Shown when OpenID Connect login is configured: the provider's name on the button. */
  oidcDisplayName?: string;
}

export function loginPage(options: LoginOptions = {}): string {
  const { error, oidcDisplayName } = options;
  return layout(
    'Logg inn',
    undefined,
    html`<h1>Logg inn</h1>
      ${oidcDisplayName
        ? html`<p><a class="button" href="/login/oidc">Logg inn med ${oidcDisplayName}</a></p>
            <h2>Eller med API-nøkkel</h2>
            <p class="hint">For lokal bruk og maskinbrukere.</p>`
        : ''}
      <form class="login" method="post" action="/login">
        <label for="apiKey">API-nøkkel</label>
        <input id="apiKey" name="apiKey" type="password" autocomplete="current-password" required />
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <button type="submit">Logg inn</button>
      </form>`,
  );
}

/** The provider logged the person in, but no value of the role claim maps to a role here. */
export function noRolePage(name: string): string {
  return layout(
    'Ingen tilgang',
    undefined,
    html`<h1>Du har ikke tilgang</h1>
      <p class="melding">
        Du er logget inn som ${name}, men brukeren din har ingen rolle i saksbehandlingssystemet for hensatte kjøretøy.
        Be en administrator i kommunen om å gi deg rollen saksbehandler eller admin.
      </p>
      <p><a href="/login">Tilbake til innloggingen</a></p>`,
  );
}

export function oidcFailedPage(message: string): string {
  return layout(
    'Innloggingen mislyktes',
    undefined,
    html`<h1>Innloggingen mislyktes</h1>
      <p class="melding">${message}</p>
      <p><a href="/login">Prøv igjen</a></p>`,
  );
}

/**
 * After the provider's redirect the navigation is cross-site, and a browser does not send the
 * SameSite=Strict session cookie on it, nor on a redirect from it. A page that moves on by itself
 * (meta refresh, no script) starts a same-site navigation that carries the new session.
 */
export function loggedInPage(): string {
  return movingOnPage({ to: '/saker', title: 'Logget inn', heading: 'Du er logget inn', link: 'Gå videre til sakene' });
}
