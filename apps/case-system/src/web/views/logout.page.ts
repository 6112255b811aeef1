import { movingOnPage } from './layout.js';

/**
 * The local session has ended; the browser moves on to the provider's end-session endpoint by a
 * meta refresh. Not a 303 from the logout POST: every page's CSP has `form-action 'self'`, which
 * browsers apply to a form submission's redirects too, so a redirect to the provider would be
 * refused.
 */
export function leavingForProviderLogoutPage(endSessionUrl: URL, providerName: string): string {
  return movingOnPage({
    to: endSessionUrl.href,
    title: 'Logget ut',
    heading: 'Du er logget ut her',
    link: `Logg ut hos ${providerName} også`,
  });
}
