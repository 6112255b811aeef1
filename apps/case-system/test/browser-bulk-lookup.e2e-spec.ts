import { readFileSync } from 'node:fs';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import type { Page } from 'playwright-core';
import { checkPage, launchChromium, type TestBrowser } from './support/browser.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';

interface Marked {
  masseoppslagMarker?: string;
  document: { getElementById(id: string): { value: number } | null };
}

/** 2 000 lines with a header: ST10001 before its sale (SIGRID TESTRUD), the rest unknown plates. */
function csvFile(): Buffer {
  const lines = ['kjennemerke;tidspunkt', 'ST10001;01.03.2024 10:00', 'ST10002'];
  for (let n = 3; n <= 2000; n++) lines.push(`XY${30000 + n}`);
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

describe('the bulk lookup page ("Masseoppslag") in headless Chromium, against the simulator', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let browser: TestBrowser;
  let page: Page;
  const cspViolations: string[] = [];

  const progressValue = () =>
    page.evaluate(() => (globalThis as unknown as Marked).document.getElementById('fremdrift')?.value ?? -1);

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    // One batch at a time, each answered slowly: the run takes seconds, long enough to watch.
    system = await startTestCaseSystem(simulator, { env: { WORKER_CONCURRENCY: '1' } });
    const apiKey = await system.createUser('saksbehandler', 'kari.nordmann');
    browser = await launchChromium();
    page = browser.page;
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${system.url}/login`);
    await page.fill('#apiKey', apiKey);
    await page.click('button[type=submit]');
    await page.click('nav a[href="/masseoppslag"]');
    expect(new URL(page.url()).pathname).toBe('/masseoppslag');
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await simulator?.stop();
  });

  it('lists every invalid line at once and starts nothing', async () => {
    await checkPage(page, 'masseoppslag');
    await page
      .getByLabel('Eller lim inn linjene')
      .fill('ST10001;2024-03-01 10:00\nikke gyldig!\nXY12345;31.02.2024 10:00');
    await page.getByRole('button', { name: 'Start masseoppslag' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Linje 2: «ikke gyldig!» er ikke et gyldig kjennemerke',
      'Linje 3: tidspunktet må skrives som 2024-03-01 10:00, 01.03.2024 10:00 eller ISO-8601 med tidssone',
    ]);
    await page.locator('.error-summary').getByRole('link').first().click();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toBe('linjer');
    await checkPage(page, 'masseoppslag-feil');
    expect(simulator.servedRequests().requests).toHaveLength(0);
  });

  it('uploads a 2 000-line CSV, shows the progress moving without a reload, and downloads the result', async () => {
    simulator.setFaults({ latency: { fixedMs: 400 } });
    await page.goto(`${system.url}/masseoppslag`);
    await page.getByLabel('Kjennemerke', { exact: true }).check();
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: csvFile() });
    await page.getByRole('button', { name: 'Start masseoppslag' }).click();
    const path = new URL(page.url()).pathname;
    expect(path).toMatch(/^\/masseoppslag\/[0-9a-f-]{36}$/);
    // Only this page may run a script, and only its own origin's.
    const response = await page.request.get(page.url());
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'; connect-src 'self'");

    await page.evaluate(() => {
      (globalThis as unknown as Marked).masseoppslagMarker = 'same page';
    });
    const first = await progressValue();
    expect(first).toBeLessThan(2000);
    await page.waitForFunction(
      (start) => {
        const value = (globalThis as unknown as Marked).document.getElementById('fremdrift')?.value ?? 0;
        return value > start && value < 2000;
      },
      first,
      { timeout: 30_000, polling: 100 },
    );
    // The value moved and the page is the one we marked: no reload happened.
    expect(await page.evaluate(() => (globalThis as unknown as Marked).masseoppslagMarker)).toBe('same page');
    await expect(page.textContent('#fremdrift-tekst')).resolves.toMatch(/Pågår: \d+ av 2000 linjer ferdig/);
    await checkPage(page, 'masseoppslag-pagar');

    simulator.setFaults({});
    const link = page.getByRole('link', { name: 'Last ned resultatet (CSV)' });
    await link.waitFor({ timeout: 60_000 });
    await expect(page.textContent('#fremdrift-tekst')).resolves.toContain('Ferdig: 2000 av 2000 linjer ferdig');
    await checkPage(page, 'masseoppslag-ferdig');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^masseoppslag-[0-9a-f-]{36}\.csv$/);
    const file = readFileSync(await download.path(), 'utf8');
    expect(file.startsWith('\uFEFF')).toBe(true);
    const rows = file.slice(1).split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(2001);
    expect(rows[1]).toMatch(/^2;ST10001;2024-03-01T10:00:00(\.000)?\+01:00;Funnet;ST 10001;.*;SIGRID TESTRUD;/);
    expect(rows[2]).toMatch(/^3;ST10002;;Skjermet;/);
    expect(rows[2]).not.toMatch(/ASTRID|SKJERMVIK/);
    expect(cspViolations).toEqual([]);
  });

  it('cancels a second bulk lookup; its pending lines are not looked up', async () => {
    simulator.setFaults({ latency: { fixedMs: 400 } });
    await page.goto(`${system.url}/masseoppslag`);
    const lines = Array.from({ length: 1000 }, (_, n) => `XY${40000 + n}`).join('\n');
    await page.getByLabel('Eller lim inn linjene').fill(lines);
    await page.getByRole('button', { name: 'Start masseoppslag' }).click();
    await page.getByRole('button', { name: 'Avbryt masseoppslaget' }).click();
    await expect(page.textContent('#fremdrift-tekst')).resolves.toMatch(
      /^Avbrutt: \d+ av 1000 linjer ferdig, \d+ avbrutt\.$/,
    );
    simulator.setFaults({});
    const text = (await page.textContent('#fremdrift-tekst')) ?? '';
    const done = Number(/(\d+) av 1000/.exec(text)?.[1]);
    expect(done).toBeLessThan(1000);
    await expect(page.getByRole('link', { name: 'Last ned resultatet (CSV)' }).count()).resolves.toBe(1);
    // The list shows both, newest first.
    await page.getByRole('link', { name: 'Tilbake til masseoppslag' }).click();
    await expect(page.locator('#mine ~ table tbody tr td:nth-child(4)').allTextContents()).resolves.toEqual([
      'Avbrutt',
      'Ferdig',
    ]);
  });
});
