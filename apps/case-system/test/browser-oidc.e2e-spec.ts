import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { checkPage, expectNoSeriousAxeViolations, launchChromium, type TestBrowser } from './support/browser.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { freePort, startOidcProvider, type RunningOidcProvider } from './support/oidc-provider.js';

/** Logs in at oidc-provider's development pages (any password) and gives consent when asked. */
async function loginAtProvider(page: Page, provider: RunningOidcProvider, login: string): Promise<void> {
  await page.click('a[href="/login/oidc"]');
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  await page.waitForLoadState();
  if (new URL(page.url()).origin === provider.issuer) {
    // Consent, the first time this account meets the client.
    await page.click('button[type=submit]');
  }
}

describe('OpenID Connect login against a real oidc-provider, in headless Chromium', () => {
  let simulator: RunningSimulator;
  let provider: RunningOidcProvider;
  let system: TestCaseSystem;
  let browser: TestBrowser;

  beforeAll(async () => {
    const port = await freePort();
    const redirectUrl = `http://127.0.0.1:${port}/login/oidc/callback`;
    provider = await startOidcProvider({
      redirectUri: redirectUrl,
      // The default OIDC_POST_LOGOUT_REDIRECT_URL: /login on the callback's origin (no PUBLIC_URL here).
      postLogoutRedirectUri: `http://127.0.0.1:${port}/login`,
      accounts: {
        'kari.oidc': { name: 'Kari Oidc', groups: ['alle-ansatte', 'kommune-saksbehandlere'] },
        'ola.uten.rolle': { name: 'Ola Uten Rolle', groups: ['alle-ansatte'] },
      },
    });
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, {
      env: {
        PORT: String(port),
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_REDIRECT_URL: redirectUrl,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'kommune-saksbehandlere=saksbehandler,kommune-admin=admin',
        OIDC_DISPLAY_NAME: 'Testkommunens innlogging',
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await simulator?.stop();
    await provider?.stop();
  });

  it('refuses a person whose groups map to no role, with a Norwegian page, and creates no user', async () => {
    const { page, context } = browser;
    await page.goto(`${system.url}/saker`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await checkPage(page, 'login');
    await loginAtProvider(page, provider, 'ola.uten.rolle');
    expect(new URL(page.url()).pathname).toBe('/login/oidc/callback');
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Du har ikke tilgang');
    expect(text).toContain('ingen rolle i saksbehandlingssystemet');
    await checkPage(page, 'login-ingen-tilgang');
    expect((await context.cookies(system.url)).map((cookie) => cookie.name)).not.toContain('cs_session');
    const users = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM api_users WHERE oidc_sub = 'ola.uten.rolle'`.execute(system.db);
    expect(users.rows).toEqual([{ n: 0 }]);
    // Forget the provider's session, so the next login asks again.
    await context.clearCookies();
  });

  it('logs a mapped person in with code + PKCE into the usual session, creating the user by (issuer, sub)', async () => {
    const { page, context } = browser;
    await page.goto(`${system.url}/login`);
    await loginAtProvider(page, provider, 'kari.oidc');
    // The callback page moves on by itself (meta refresh) so the SameSite=Strict cookie is sent.
    await page.waitForURL((url) => url.pathname === '/saker');
    expect(await page.textContent('header')).toContain('kari.oidc (saksbehandler)');
    await expectNoSeriousAxeViolations(page);
    const cookies = await context.cookies(system.url);
    expect(cookies.find((cookie) => cookie.name === 'cs_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    // The pending login is gone once used.
    expect(cookies.map((cookie) => cookie.name)).not.toContain('cs_oidc');
    const users = await sql<{ name: string; role: string; oidc_issuer: string }>`
      SELECT name, role, oidc_issuer FROM api_users WHERE oidc_sub = 'kari.oidc'`.execute(system.db);
    expect(users.rows).toEqual([{ name: 'kari.oidc', role: 'saksbehandler', oidc_issuer: provider.issuer }]);
    const events = await sql<{ actor: string; action: string }>`
      SELECT e.actor, e.action FROM user_events e JOIN api_users u ON u.id = e.user_id WHERE u.oidc_sub = 'kari.oidc'`.execute(
      system.db,
    );
    expect(events.rows).toEqual([{ actor: `oidc:${provider.issuer}`, action: 'created' }]);
  });

  it('logs out at the provider too (RP-initiated logout), back on /login; the next login asks again and finds the same user', async () => {
    const { page, context } = browser;
    const sessions = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM web_sessions s JOIN api_users u ON u.id = s.user_id
          WHERE u.oidc_sub = 'kari.oidc'`.execute(system.db)
      ).rows[0]?.n;
    expect(await sessions()).toBe(1);
    await page.getByRole('button', { name: 'Logg ut' }).click();
    // The session here ends first; then the provider's end_session_endpoint asks to confirm.
    await page.waitForURL((url) => url.origin === provider.issuer);
    expect(await sessions()).toBe(0);
    expect((await context.cookies(system.url)).map((cookie) => cookie.name)).not.toContain('cs_session');
    const endSession = new URL(page.url());
    expect(endSession.searchParams.get('client_id')).toBe(provider.clientId);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${system.url}/login`);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === system.url && url.pathname === '/login');
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${system.url}/saker`);
    expect(new URL(page.url()).pathname).toBe('/login');
    // The provider's session is gone: "Logg inn med …" asks for the login again.
    await page.click('a[href="/login/oidc"]');
    await page.waitForURL((url) => url.origin === provider.issuer);
    await expect(page.locator('input[name=login]').count()).resolves.toBe(1);
    await page.goto(`${system.url}/login`);
    await loginAtProvider(page, provider, 'kari.oidc');
    await page.waitForURL((url) => url.pathname === '/saker');
    const users = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM api_users WHERE oidc_sub = 'kari.oidc'`.execute(system.db);
    expect(users.rows).toEqual([{ n: 1 }]);
  });

  it('refuses a callback this browser did not start (a planted code cannot log anyone in)', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    const response = await page.goto(`${system.url}/login/oidc/callback?code=planted&state=planted`);
    expect(response?.status()).toBe(400);
    expect(await page.textContent('main')).toContain('Innloggingen mislyktes');
    await expectNoSeriousAxeViolations(page);
    expect((await context.cookies(system.url)).map((cookie) => cookie.name)).not.toContain('cs_session');
  });

  it('keeps API-key login for local use beside the OpenID button', async () => {
    const { page } = browser;
    const apiKey = await system.createUser('saksbehandler', 'maskin.bruker');
    await page.goto(`${system.url}/login`);
    await page.fill('#apiKey', apiKey);
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/saker');
    // Not a provider's user: logging out is local, straight to /login.
    const seen: string[] = [];
    page.on('request', (request) => seen.push(new URL(request.url()).origin));
    await page.getByRole('button', { name: 'Logg ut' }).click();
    expect(page.url()).toBe(`${system.url}/login`);
    expect(seen).not.toContain(provider.issuer);
  });
});
