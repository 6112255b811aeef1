import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import type { Page } from 'playwright-core';
import type { Sak } from '../src/saker/domain/sak.js';
import { checkPage, launchChromium, type TestBrowser } from './support/browser.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { observasjon, postSigned } from './support/webhooks.js';

/** ST 10001's VIN (packages/simulator/STORY_VEHICLES.md). */
const VIN = 'WVGZZZE2ZMPS00001';

describe('the innsyn page (access requests) in headless Chromium, against the simulator', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let browser: TestBrowser;
  let page: Page;
  let saksbehandlerKey: string;
  let adminKey: string;
  let webhookCase: Sak;

  const login = async (apiKey: string) => {
    await page.goto(`${system.url}/login`);
    await page.fill('#apiKey', apiKey);
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/saker');
  };

  const logout = async () => {
    await page.getByRole('button', { name: 'Logg ut' }).click();
    expect(new URL(page.url()).pathname).toBe('/login');
  };

  /** A lookup on the Oppslag page, as a person makes it. */
  const lookUp = async (formal: string, type: 'Kjennemerke' | 'Understellsnummer', verdi: string) => {
    await page.goto(`${system.url}/oppslag`);
    await page.getByLabel('Formål', { exact: true }).selectOption(formal);
    await page.getByLabel(type, { exact: true }).check();
    await page.getByLabel('Kjennemerke, understellsnummer, kuid eller navn').fill(verdi);
    await page.getByRole('button', { name: 'Slå opp' }).click();
    expect(await page.textContent('#resultat')).toBe('Resultat');
  };

  /** The rows of the lookups table, cell texts with whitespace collapsed. */
  const lookupRows = async (): Promise<string[][]> =>
    page
      .locator('table.innsyn')
      .first()
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells).map((cell) =>
            (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
          ),
        ),
      );

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, {
      captureLogs: true,
      env: { WEB_LOOKUP_PURPOSES: 'HENSATT_KJORETOY;PARKERINGSKONTROLL' },
    });
    saksbehandlerKey = await system.createUser('saksbehandler', 'kari.nordmann');
    adminKey = await system.createUser('admin', 'anne.admin');
    // A case from the field app: the worker looks the owner up for it.
    const response = await postSigned(
      system.url,
      system.secret,
      observasjon({ kjennemerke: 'ST10001', observertTidspunkt: '2024-03-01T10:00:00+01:00' }),
    );
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    webhookCase = await system.waitForSak(id, saksbehandlerKey);
    expect(webhookCase.status).toBe('EIER_FUNNET');
    browser = await launchChromium();
    page = browser.page;
    await login(saksbehandlerKey);
    await lookUp('PARKERINGSKONTROLL', 'Kjennemerke', 'ST10001');
    await lookUp('HENSATT_KJORETOY', 'Understellsnummer', VIN);
    // Another vehicle: it must not appear in the answer about ST10001.
    await lookUp('HENSATT_KJORETOY', 'Kjennemerke', 'ST10002');
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await simulator?.stop();
  });

  it('refuses a saksbehandler with a 403 page, and the menu does not offer it', async () => {
    expect(await page.locator('nav a[href="/innsyn"]').count()).toBe(0);
    const response = await page.goto(`${system.url}/innsyn`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('Ingen tilgang');
    // The POST is refused too (sent with this browser's session cookie; the page's CSP allows no fetch).
    const answer = await browser.context.request.post(`${system.url}/innsyn`, { form: { kjennemerke: 'ST10001' } });
    const posted = { status: answer.status(), text: await answer.text() };
    expect(posted.status).toBe(403);
    expect(posted.text).toContain('bare for administratorer');
    expect(posted.text).not.toContain('ST10001');
    await logout();
  });

  it('lists every problem at once and names the fields', async () => {
    await login(adminKey);
    await page.click('nav a[href="/innsyn"]');
    expect(new URL(page.url()).pathname).toBe('/innsyn');
    await checkPage(page, 'innsyn');
    await page.getByRole('button', { name: 'Vis oppslag' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Skriv inn kjennemerke eller understellsnummer (eller begge)',
    ]);
    await page.getByLabel('Kjennemerke', { exact: true }).fill('ST-1000000001');
    await page.getByLabel('Understellsnummer', { exact: true }).fill('ÆØÅ!');
    await page.getByRole('button', { name: 'Vis oppslag' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Kjennemerket må ha 2–7 bokstaver og sifre, for eksempel ST10001',
      'Understellsnummeret må ha 1–17 bokstaver og sifre',
    ]);
    // What was typed stays in the form.
    expect(await page.getByLabel('Kjennemerke', { exact: true }).inputValue()).toBe('ST-1000000001');
  });

  it('shows every lookup of the plate with person, purpose and legal basis, and the case about it', async () => {
    await page.goto(`${system.url}/innsyn`);
    await page.getByLabel('Kjennemerke', { exact: true }).fill('st 10001');
    await page.getByLabel('Kjennemerke', { exact: true }).press('Enter');
    await page.waitForLoadState();
    // The plate went in the POST body: the URL carries none.
    expect(page.url()).toBe(`${system.url}/innsyn`);
    expect(await page.textContent('#svar')).toBe('Oppslag som gjelder kjennemerke ST10001');
    const rows = await lookupRows();
    // The webhook case's own lookup, then the person's lookup on the page; nothing about ST10002.
    expect(rows).toEqual([
      [
        expect.stringMatching(/^\d\d\.\d\d\.\d{4},? \d\d:\d\d$/),
        'bulk/kjennemerke',
        expect.stringMatching(/\S/),
        'HENSATT_KJORETOY',
        'vegtrafikkloven § 37 / parkeringsforskriften § 38',
        expect.stringMatching(/^01\.03\.2024,? 10:00$/),
        'Funnet',
        `Sak ${webhookCase.id.slice(0, 8)}`,
        expect.stringMatching(/\S/),
      ],
      [
        expect.stringMatching(/^\d\d\.\d\d\.\d{4},? \d\d:\d\d$/),
        'bulk/kjennemerke',
        'bruker:kari.nordmann',
        'PARKERINGSKONTROLL',
        'vegtrafikkloven § 37 / parkeringsforskriften § 38',
        'nå',
        'Funnet',
        '–',
        expect.stringMatching(/\S/),
      ],
    ]);
    const cases = page.locator('table.innsyn').nth(1).locator('tbody tr');
    expect(await cases.count()).toBe(1);
    expect(await cases.first().textContent()).toContain('EIER_FUNNET');
    expect(await page.textContent('.utskrift-info')).toMatch(/^Laget .+ av anne\.admin \(admin\)\.$/);
    await checkPage(page, 'innsyn-svar');
    // The case in the lookup row links to the case page.
    await page
      .locator('table.innsyn')
      .first()
      .getByRole('link', { name: `Sak ${webhookCase.id.slice(0, 8)}` })
      .click();
    expect(new URL(page.url()).pathname).toBe(`/saker/${webhookCase.id}`);
  });

  it('finds a lookup by understellsnummer by the VIN, and plate and VIN together find both', async () => {
    await page.goto(`${system.url}/innsyn`);
    await page.getByLabel('Understellsnummer', { exact: true }).fill(VIN.toLowerCase());
    await page.getByRole('button', { name: 'Vis oppslag' }).click();
    expect(await page.textContent('#svar')).toBe(`Oppslag som gjelder understellsnummer ${VIN}`);
    const byVin = await lookupRows();
    expect(byVin.map((row) => [row[1], row[2], row[3]])).toEqual([
      [expect.stringMatching(/understellsnummer/), 'bruker:kari.nordmann', 'HENSATT_KJORETOY'],
    ]);
    await page.getByLabel('Kjennemerke', { exact: true }).fill('ST10001');
    await page.getByRole('button', { name: 'Vis oppslag' }).click();
    const both = await lookupRows();
    expect(both).toHaveLength(3);
  });

  it('prints only the answer: no header, menu or form, with the date and who printed it at the top', async () => {
    await page.goto(`${system.url}/innsyn`);
    await page.getByLabel('Kjennemerke', { exact: true }).fill('ST10001');
    await page.getByRole('button', { name: 'Vis oppslag' }).click();
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(page.locator('header nav').isVisible()).resolves.toBe(false);
      await expect(page.locator('header').isVisible()).resolves.toBe(false);
      await expect(page.locator('form.skjema').isVisible()).resolves.toBe(false);
      await expect(page.locator('.utskrift-info').isVisible()).resolves.toBe(true);
      await expect(page.locator('table.innsyn').first().isVisible()).resolves.toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await expect(page.locator('header nav').isVisible()).resolves.toBe(true);
  });

  it('logs that an innsyn page was produced, by whom (an id, not a name) and with counts, never the plate or an owner', () => {
    const logged = system.logs.filter((line) => line.includes('Innsyn page produced'));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    const first = JSON.parse(logged[0]) as Record<string, unknown>;
    expect(first).toMatchObject({ userId: expect.stringMatching(/^[0-9a-f-]{36}$/), lookups: 2, cases: 1 });
    expect(logged.join('\n')).not.toContain('anne.admin');
    const all = system.logs.join('\n');
    expect(all).not.toMatch(/ST10001|ST 10001|SIGRID|TESTRUD|MAGNUS|WVGZZZE2ZMPS00001/);
  });
});
