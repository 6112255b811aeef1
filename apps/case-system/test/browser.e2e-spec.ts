import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { observasjon, postSigned } from './support/webhooks.js';

const ARTEFACTS = resolve(__dirname, '../test-output');

/**
 * Another origin's page that fires at the app as soon as it loads: a form post (the classic
 * CSRF) or a no-cors fetch with the browser's cookies. Served on a second loopback port.
 */
function attackerPages(target: () => string, attackerKey: () => string): Server {
  return createServer((request, response) => {
    const [action, how] = (request.url ?? '').slice(1).split('/');
    const body =
      how === 'fetch'
        ? `<script>fetch(${JSON.stringify(`${target()}/${action}`)}, { method: 'POST', mode: 'no-cors', credentials: 'include' })</script>`
        : `<form method="post" action="${target()}/${action}"><input type="hidden" name="apiKey" value="${attackerKey()}"></form>
           <script>document.forms[0].submit()</script>`;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html><body>${body}</body></html>`);
  });
}

describe('the case worker web page in a real headless Chromium', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let browser: TestBrowser | undefined;
  let context: BrowserContext;
  let page: Page;
  let apiKey: string;
  let attackerKey: string;
  let attacker: Server;
  /** Two attacker origins: `localhost` is another site; `127.0.0.1` on another port is the same site. */
  let crossSite: string;
  let sameSite: string;
  const ids: Record<'found' | 'shielded', string> = { found: '', shielded: '' };

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator);
    apiKey = await system.createUser('saksbehandler', 'kari.nordmann');
    attackerKey = await system.createUser('saksbehandler', 'mallory');
    attacker = attackerPages(
      () => system.url,
      () => attackerKey,
    );
    await new Promise<void>((resolveListen) => attacker.listen(0, '127.0.0.1', resolveListen));
    const attackerPort = (attacker.address() as AddressInfo).port;
    crossSite = `http://localhost:${attackerPort}`;
    sameSite = `http://127.0.0.1:${attackerPort}`;
    for (const [key, input] of [
      [
        'found',
        {
          kjennemerke: 'ST10001',
          observertTidspunkt: '2024-03-01T10:00:00+01:00',
          beskrivelse: '<script>alert("x")</script> står ved busslomma',
        },
      ],
      ['shielded', { kjennemerke: 'ST10002', observertTidspunkt: '2024-03-01T10:00:00+01:00' }],
    ] as const) {
      const response = await postSigned(system.url, system.secret, observasjon(input));
      ids[key] = ((await response.json()) as { id: string }).id;
      await system.waitForSak(ids[key], apiKey);
    }
    browser = await launchChromium();
    ({ context, page } = browser);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolveClose) => (attacker ? attacker.close(resolveClose) : resolveClose(undefined)));
    await system?.stop();
    await simulator?.stop();
  });

  it('sends an anonymous visitor to the login form', async () => {
    await page.goto(`${system.url}/saker/${ids.found}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#apiKey', 'csk_0000000000000000_wrongwrongwrongwrongwrongwrongwrongwrongwro');
    await page.click('button[type=submit]');
    await expect(page.textContent('[role=alert]')).resolves.toContain('Ukjent API-nøkkel');
  });

  it('logs in with an API key into an HttpOnly, SameSite=Strict session and lists the cases', async () => {
    await page.fill('#apiKey', apiKey);
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/saker');
    const session = (await context.cookies()).find((cookie) => cookie.name === 'cs_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('ST10001') && row.includes('EIER_FUNNET'))).toBe(true);
    expect(rows.some((row) => row.includes('ST10002') && row.includes('SKJERMET'))).toBe(true);
  });

  it('shows the vehicle, the owner at the observation time, status, deadline and audit trail', async () => {
    await page.click(`a[href="/saker/${ids.found}"]`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('EIER_FUNNET');
    expect(text).toContain('VOLKSWAGEN ID.4');
    expect(text).toContain('SIGRID TESTRUD');
    expect(text).not.toContain('MAGNUS');
    expect(text).toMatch(/Varselfrist\s*\d{1,2}\. \p{L}+ \d{4}/u);
    expect(text).toContain('webhook:feltapp');
    expect(text).toContain('vegtrafikkloven § 37 / parkeringsforskriften § 38');
    // The reporter's text is shown as text, never run.
    expect(await page.locator('dd', { hasText: '<script>alert("x")</script>' }).count()).toBe(1);
    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'case-page.png'), fullPage: true });
  });

  it('shows "skjermet" instead of a shielded owner', async () => {
    await page.goto(`${system.url}/saker/${ids.shielded}`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Skjermet');
    expect(text).not.toMatch(/ASTRID|SKJERMVIK/);
    await page.screenshot({ path: join(ARTEFACTS, 'case-page-skjermet.png'), fullPage: true });
  });

  it('refuses a logout fired by a page on another origin or another port, and the session stays', async () => {
    for (const url of [`${crossSite}/logout/form`, `${sameSite}/logout/form`, `${sameSite}/logout/fetch`]) {
      const refused = page.waitForResponse((response) => response.url() === `${system.url}/logout`);
      await page.goto(url);
      expect([url, (await refused).status()]).toEqual([url, 403]);
      await page.goto(`${system.url}/saker`);
      expect([url, new URL(page.url()).pathname]).toEqual([url, '/saker']);
    }
  });

  it('loads /docs under its Content-Security-Policy without a violation', async () => {
    const violations: string[] = [];
    const onConsole = (message: { type(): string; text(): string }) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    };
    page.on('console', onConsole);
    const response = await page.goto(`${system.url}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
    expect(await page.textContent('.swagger-ui .info .title')).toContain('Case system');
    expect(await page.locator('.opblock-tag', { hasText: 'brukere' }).count()).toBe(1);
    page.off('console', onConsole);
    expect(violations).toEqual([]);
  });

  it('logs out and forgets the session', async () => {
    await page.goto(`${system.url}/saker`);
    await page.click('text=Logg ut');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.goto(`${system.url}/saker`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('refuses a login with the attacker’s key fired by a page on another origin or another port', async () => {
    for (const url of [`${crossSite}/login/form`, `${sameSite}/login/form`]) {
      const refused = page.waitForResponse((response) => response.url() === `${system.url}/login`);
      await page.goto(url);
      expect([url, (await refused).status()]).toEqual([url, 403]);
      expect((await context.cookies(system.url)).filter((cookie) => cookie.name === 'cs_session')).toEqual([]);
      await page.goto(`${system.url}/saker`);
      expect([url, new URL(page.url()).pathname]).toEqual([url, '/login']);
    }
  });
});
