import { randomUUID } from 'node:crypto';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { checkPage, expectNoSeriousAxeViolations, launchChromium, type TestBrowser } from './support/browser.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';

interface EventRow {
  actor: string;
  type: string;
}

describe('case work ("Saksbehandling") in headless Chromium, against the simulator', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let browser: TestBrowser;
  let page: Page;
  let apiKey: string;
  let sakId = '';

  /** Open cases straight into the table (no lookup), older than anything the test makes by hand. */
  const seed = async (n: number, kjennemerke: string, status: string, minutesAgo: number) => {
    for (let i = 0; i < n; i++) {
      await sql`INSERT INTO saker (id, status, kilde, kjennemerke, observert_tidspunkt, sted, opprettet)
        VALUES (${randomUUID()}, ${status}, 'test:seed', ${kjennemerke}, now() - interval '1 day',
          '{"adresse":"Kommunal vei 1","lat":59.9,"lon":10.7}', now() - make_interval(mins => ${minutesAgo + i}))`.execute(
        system.db,
      );
    }
  };

  const mainText = async () => (await page.textContent('#main')) ?? '';

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator);
    apiKey = await system.createUser('saksbehandler', 'kari.nordmann');
    // 55 open cases for one plate and 10 for another: two pages of the list, and of the plate search.
    await seed(55, 'EK10001', 'IKKE_FUNNET', 60);
    await seed(10, 'EK20002', 'FEILET', 200);
    browser = await launchChromium();
    page = browser.page;
    await page.goto(`${system.url}/login`);
    await page.fill('#apiKey', apiKey);
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/saker');
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await simulator?.stop();
  });

  it('lists the open cases 50 to a page with the total, "Forrige" and "Neste"', async () => {
    expect(await page.textContent('.antall')).toContain('Viser 1–50 av 65 saker');
    expect(await page.locator('tbody tr').count()).toBe(50);
    await checkPage(page, 'saker');
    await page.getByRole('link', { name: 'Neste' }).click();
    expect(new URL(page.url()).searchParams.get('side')).toBe('2');
    expect(await page.textContent('.antall')).toContain('Viser 51–65 av 65 saker');
    expect(await page.locator('tbody tr').count()).toBe(15);
    await page.getByRole('link', { name: 'Forrige' }).click();
    expect(await page.textContent('.sider')).toContain('Side 1 av 2');
  });

  it('creates a case by hand from "Ny sak", listing every problem at once, and the lookup runs', async () => {
    await page.goto(`${system.url}/saker`);
    await page.getByRole('link', { name: 'Ny sak' }).click();
    expect(new URL(page.url()).pathname).toBe('/saker/ny');
    await checkPage(page, 'sak-ny');
    await page.getByLabel('Observert (norsk tid)').fill('2030-01-01T10:00');
    await page.getByRole('button', { name: 'Opprett sak' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Skriv kjennemerke eller understellsnummer',
      'Observasjonstidspunktet kan ikke være frem i tid',
      'Skriv hvor kjøretøyet står',
      'Skriv breddegrad som desimaltall, for eksempel 59,9127',
      'Skriv lengdegrad som desimaltall, for eksempel 10,7461',
    ]);
    await page
      .locator('.error-summary')
      .getByRole('link', { name: 'Skriv kjennemerke eller understellsnummer' })
      .click();
    expect(await page.locator('#kjennemerke:focus').count()).toBe(1);
    await page.getByLabel('Kjennemerke', { exact: true }).fill('st 10001');
    await page.getByLabel('Observert (norsk tid)').fill('2024-03-01T10:00');
    await page.getByLabel('Hvor står kjøretøyet? (adresse eller stedsbeskrivelse)').fill('Storgata 1, ved busslomma');
    await page.getByLabel('Breddegrad').fill('59,9127');
    await page.getByLabel('Lengdegrad').fill('10.7461');
    await page.getByRole('button', { name: 'Opprett sak' }).click();
    sakId = /^\/saker\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
    expect(sakId).not.toBe('');
    await system.waitForSak(sakId, apiKey);
    await page.reload();
    const text = await mainText();
    expect(text).toContain('EIER_FUNNET');
    expect(text).toContain('SIGRID TESTRUD');
    expect(await page.locator('table.tidslinje tr.oppslag').allTextContents()).toEqual([
      expect.stringContaining('bruker:kari.nordmann'),
    ]);
  });

  it('records the notice and the removal, re-runs the lookup, and shows it all on one timeline', async () => {
    await page.getByRole('button', { name: 'Registrer varsel' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Velg hvordan varselet ble sendt',
    ]);
    await page.getByLabel('Digipost').check();
    await page.getByLabel('Sendt (norsk tid)').fill('2024-03-02T09:15');
    await page.getByRole('button', { name: 'Registrer varsel' }).click();
    expect(new URL(page.url()).pathname).toBe(`/saker/${sakId}`);
    expect(await mainText()).toContain('Varsel sendt');

    await page.getByLabel('Merknad (valgfritt)').fill('Hentet av bergingsbil');
    await page.getByRole('button', { name: 'Registrer fjerning' }).click();
    // A removal is recorded once: its form is gone.
    expect(await page.getByRole('button', { name: 'Registrer fjerning' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Gjør nytt oppslag' }).click();
    await system.waitForSak(sakId, apiKey, (sak) => sak.oppslag?.status === 'DONE');
    await page.reload();
    const rows = await page.locator('table.tidslinje tbody tr').allTextContents();
    const kinds = rows.map(
      (row) => /Sak opprettet|Registeroppslag|Varsel sendt|Kjøretøyet fjernet|Nytt oppslag bestilt/.exec(row)?.[0],
    );
    expect(kinds).toEqual([
      'Sak opprettet',
      'Registeroppslag',
      'Varsel sendt',
      'Kjøretøyet fjernet',
      'Nytt oppslag bestilt',
      'Registeroppslag',
    ]);
    expect(rows.slice(1).every((row) => row.includes('bruker:kari.nordmann'))).toBe(true);
    expect(rows[2]).toContain('Digipost');
    expect(rows[3]).toContain('Hentet av bergingsbil');
    await checkPage(page, 'sak-tidslinje');
  });

  it('closes the case with a reason; a form left open elsewhere is then refused with a clear message', async () => {
    const stale = await browser.context.newPage();
    await stale.goto(`${system.url}/saker/${sakId}`);

    const grunn = page.getByRole('group', { name: 'Hvorfor lukkes saken?' });
    await grunn.getByLabel('Annet').check();
    await page.getByRole('button', { name: 'Lukk saken' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Skriv hvorfor saken lukkes når du velger «Annet»',
    ]);
    await grunn.getByLabel('Kjøretøyet er fjernet av kommunen').check();
    await page.getByRole('button', { name: 'Lukk saken' }).click();
    const text = await mainText();
    expect(text).toContain('Saken er lukket og kan ikke endres');
    expect(text).toContain('Kjøretøyet er fjernet av kommunen');
    expect(await page.locator('form[action$="/varsel"]').count()).toBe(0);
    await checkPage(page, 'sak-lukket');

    await stale.getByLabel('SMS').check();
    const refused = stale.waitForResponse((response) => response.url().endsWith('/varsel'));
    await stale.getByRole('button', { name: 'Registrer varsel' }).click();
    expect((await refused).status()).toBe(409);
    expect(await stale.textContent('#main')).toContain('Du kan ikke registrere varsel på en lukket sak');
    await expectNoSeriousAxeViolations(stale);
    await stale.close();

    const events = await sql<EventRow>`SELECT actor, type FROM sak_hendelser WHERE sak_id = ${sakId}
      ORDER BY occurred_at, id`.execute(system.db);
    expect(events.rows).toEqual(
      ['varsel_sendt', 'fjernet', 'nytt_oppslag', 'lukket'].map((type) => ({ actor: 'bruker:kari.nordmann', type })),
    );
  });

  it('filters the list by open/closed and status, and searches a plate without putting it in the URL', async () => {
    await page.goto(`${system.url}/saker`);
    await page.getByLabel('Åpne eller lukkede').selectOption('lukkede');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    expect(new URL(page.url()).searchParams.get('apen')).toBe('lukkede');
    expect(await page.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('ST10001')]);

    await page.getByLabel('Åpne eller lukkede').selectOption('apne');
    await page.getByLabel('Status på oppslaget').selectOption('FEILET');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    expect(await page.textContent('.antall')).toContain('av 10 saker');

    await page.getByLabel('Status på oppslaget').selectOption('');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByLabel('Kjennemerke', { exact: true }).fill('ek10001');
    await page.getByRole('button', { name: 'Søk' }).click();
    expect(page.url()).not.toMatch(/ek10001/i);
    expect(await page.textContent('.antall')).toContain('Viser 1–50 av 55 saker');
    const plates = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(plates)).toEqual(new Set(['EK10001']));
    await checkPage(page, 'saker-filter');
    // The plate search pages with POST buttons, so the plate stays out of the URL there too.
    await page.getByRole('button', { name: 'Neste' }).click();
    expect(page.url()).not.toMatch(/ek10001/i);
    expect(await page.textContent('.antall')).toContain('Viser 51–55 av 55 saker');

    await page.getByLabel('Kjennemerke', { exact: true }).fill('ikke et skilt!');
    await page.getByRole('button', { name: 'Søk' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Kjennemerket må ha 2–7 bokstaver og sifre, for eksempel ST10001',
    ]);
  });
});
