import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { checkPage, launchChromium, type TestBrowser } from './support/browser.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';

interface AuditRow {
  actor: string;
  purpose: string;
  legal_basis: string;
  operation: string;
  dtg: string[];
  case_ref: string | null;
}

const FREE_TEXT_BASIS = 'forvaltningsloven § 17 (testsøk)';

describe('the lookup page ("Oppslag") in headless Chromium, against the simulator', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let browser: TestBrowser;
  let page: Page;
  let saksbehandlerKey: string;
  let adminKey: string;

  const auditRows = async (actor: string): Promise<AuditRow[]> =>
    (
      await sql<AuditRow>`SELECT actor, purpose, legal_basis, operation, dtg, case_ref FROM audit_log
        WHERE actor = ${actor} ORDER BY logged_at, occurred_at`.execute(system.db)
    ).rows;

  const login = async (apiKey: string) => {
    await page.goto(`${system.url}/login`);
    await page.fill('#apiKey', apiKey);
    await page.click('button[type=submit]');
    await page.click('nav a[href="/oppslag"]');
    expect(new URL(page.url()).pathname).toBe('/oppslag');
  };

  /** Fills the form as a person would, by label, and submits it with the keyboard. */
  const lookUp = async (input: {
    formal?: string;
    hjemmel?: string;
    hjemmelAnnet?: string;
    type: 'Kjennemerke' | 'Understellsnummer' | 'Kuid' | 'Eiers navn';
    verdi: string;
    tidspunkt?: string;
    postnummer?: string;
    fodselsdato?: string;
    eiertype?: 'Bare personer' | 'Bare organisasjoner';
  }) => {
    await page.goto(`${system.url}/oppslag`);
    if (input.formal) await page.getByLabel('Formål', { exact: true }).selectOption(input.formal);
    if (input.hjemmel) await page.getByLabel('Hjemmel', { exact: true }).selectOption(input.hjemmel);
    if (input.hjemmelAnnet) await page.getByLabel('Hjemmel, hvis annet').fill(input.hjemmelAnnet);
    await page.getByLabel(input.type, { exact: true }).check();
    await page.getByLabel('Kjennemerke, understellsnummer, kuid eller navn').fill(input.verdi);
    if (input.tidspunkt) await page.getByLabel('Tidspunkt (valgfritt, norsk tid)').fill(input.tidspunkt);
    if (input.postnummer) await page.getByLabel('Postnummer').fill(input.postnummer);
    if (input.fodselsdato) await page.getByLabel('Fødselsdato').fill(input.fodselsdato);
    if (input.eiertype) await page.getByLabel('Eiertype').selectOption({ label: input.eiertype });
    await page.getByLabel('Kjennemerke, understellsnummer, kuid eller navn').press('Enter');
    await page.waitForLoadState();
  };

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, {
      captureLogs: true,
      env: {
        WEB_LOOKUP_PURPOSES: 'HENSATT_KJORETOY;PARKERINGSKONTROLL',
        WEB_LOOKUP_FREE_TEXT_LEGAL_BASIS: 'true',
        WEB_LOOKUP_FODSELSNUMMER_ROLES: 'admin',
        // OLE FLYTTSTAD owns two story vehicles (ST10009, ST10010): two pages of one.
        WEB_LOOKUP_PAGE_SIZE: '1',
      },
    });
    saksbehandlerKey = await system.createUser('saksbehandler', 'kari.nordmann');
    adminKey = await system.createUser('admin', 'anne.admin');
    browser = await launchChromium();
    page = browser.page;
    await login(saksbehandlerKey);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await simulator?.stop();
  });

  it('lists every problem at once and sends nothing before purpose, legal basis and an identifier are given', async () => {
    await checkPage(page, 'oppslag');
    await page.getByRole('button', { name: 'Slå opp' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary.locator('li').allTextContents()).resolves.toEqual([
      'Velg formål',
      'Skriv inn det du vil slå opp',
    ]);
    // Each entry leads to its field.
    await summary.getByRole('link', { name: 'Velg formål' }).click();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toBe('formal');
    await checkPage(page, 'oppslag-feil');
    expect(await auditRows('bruker:kari.nordmann')).toEqual([]);
  });

  it('finds the previous owner at a date before the sale, audited with the person, purpose and legal basis', async () => {
    await lookUp({
      formal: 'PARKERINGSKONTROLL',
      type: 'Kjennemerke',
      verdi: 'st 10001',
      tidspunkt: '2024-03-01T10:00',
    });
    // No identifier in the URL: the lookup was a POST.
    expect(page.url()).toBe(`${system.url}/oppslag`);
    const text = (await page.textContent('#main')) ?? '';
    expect(text).toContain('SIGRID TESTRUD');
    expect(text).toContain('VOLKSWAGEN');
    expect(text).toMatch(/Eier til 15\.03\.2024,? 12:00/);
    expect(text).not.toContain('MAGNUS');
    // A saksbehandler is not among WEB_LOOKUP_FODSELSNUMMER_ROLES.
    expect(text).not.toContain('14856890024');
    await checkPage(page, 'oppslag-tidligere-eier');
    const rows = await auditRows('bruker:kari.nordmann');
    expect(rows).toEqual([
      {
        actor: 'bruker:kari.nordmann',
        purpose: 'PARKERINGSKONTROLL',
        legal_basis: 'vegtrafikkloven § 37 / parkeringsforskriften § 38',
        operation: 'bulk/kjennemerke',
        dtg: [expect.stringMatching(/^2024-03-01T10:00:00(\.000)?\+01:00$/)],
        case_ref: null,
      },
    ]);
  });

  it('finds the new owner without a date', async () => {
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Kjennemerke', verdi: 'ST10001' });
    const text = (await page.textContent('#main')) ?? '';
    expect(text).toContain('MAGNUS PRØVESEN');
    expect(text).not.toContain('SIGRID');
  });

  it('shows a shielded owner as "skjermet", with no name and no address', async () => {
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Kjennemerke', verdi: 'ST10002' });
    const treff = (await page.textContent('.treff')) ?? '';
    expect(treff).toContain('Skjermet');
    expect(treff).not.toMatch(/ASTRID|SKJERMVIK/);
    expect(treff).not.toMatch(/\d{4} [A-ZÆØÅ]{3,}/); // no postnummer + poststed
    await checkPage(page, 'oppslag-skjermet');
  });

  it('searches by owner name page by page, with a free-text legal basis, each page audited', async () => {
    await lookUp({
      formal: 'HENSATT_KJORETOY',
      hjemmel: '__annet__',
      hjemmelAnnet: FREE_TEXT_BASIS,
      type: 'Eiers navn',
      verdi: 'ole flyttstad',
    });
    await expect(page.textContent('.sider')).resolves.toContain('Treff 1–1 av 2');
    const first = await page.locator('.treff h3').allTextContents();
    expect(first).toHaveLength(1);
    await page.getByRole('button', { name: 'Neste side' }).first().click();
    await page.waitForLoadState();
    expect(page.url()).toBe(`${system.url}/oppslag`);
    await expect(page.textContent('.sider')).resolves.toContain('Treff 2–2 av 2');
    const second = await page.locator('.treff h3').allTextContents();
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
    // ST 10009, and ST 10010 under its personal plate OLAN (packages/simulator/STORY_VEHICLES.md).
    expect([...first, ...second].map((heading) => heading.replace(/\s+/g, ' ').trim()).sort()).toEqual([
      expect.stringMatching(/^OLAN – /),
      expect.stringMatching(/^ST 10009 – /),
    ]);
    expect(await page.getByRole('button', { name: 'Neste side' }).count()).toBe(0);
    await checkPage(page, 'oppslag-eiernavn-side-2');
    const searches = (await auditRows('bruker:kari.nordmann')).filter((row) => row.operation === 'sok/eiernavn');
    expect(searches.map((row) => [row.purpose, row.legal_basis])).toEqual([
      ['HENSATT_KJORETOY', FREE_TEXT_BASIS],
      ['HENSATT_KJORETOY', FREE_TEXT_BASIS],
    ]);
  });

  it('narrows the owner-name search by postnummer, fødselsdato and owner type, and keeps the filters across pages', async () => {
    await lookUp({
      formal: 'HENSATT_KJORETOY',
      type: 'Eiers navn',
      verdi: 'Ole Flyttstad',
      postnummer: '6002',
      fodselsdato: '1971-01-21',
      eiertype: 'Bare personer',
    });
    expect(await page.textContent('#resultat + p')).toContain(
      'avgrenset til postnummer 6002, født 21. januar 1971, bare personer',
    );
    await expect(page.textContent('.sider')).resolves.toContain('Treff 1–1 av 2');
    await page.getByRole('button', { name: 'Neste side' }).first().click();
    await page.waitForLoadState();
    await expect(page.textContent('.sider')).resolves.toContain('Treff 2–2 av 2');
    // The next page was asked with the same filters (what the form shows is what was sent).
    expect(await page.getByLabel('Postnummer').inputValue()).toBe('6002');
    expect(await page.getByLabel('Fødselsdato').inputValue()).toBe('1971-01-21');
    expect(await page.textContent('#resultat + p')).toContain('avgrenset til postnummer 6002');
    await checkPage(page, 'oppslag-eiernavn-filter');
    // He is a person, and lives in 6002: each filter that does not fit him leaves nothing.
    await lookUp({
      formal: 'HENSATT_KJORETOY',
      type: 'Eiers navn',
      verdi: 'Ole Flyttstad',
      eiertype: 'Bare organisasjoner',
    });
    expect(await page.textContent('#main')).toContain('Fant ingen kjøretøy');
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Eiers navn', verdi: 'Ole Flyttstad', postnummer: '0150' });
    expect(await page.textContent('#main')).toContain('Fant ingen kjøretøy');
  });

  it('lists every bad filter at once, and refuses filters on a lookup that is not by name', async () => {
    const searchesBefore = (await auditRows('bruker:kari.nordmann')).length;
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Eiers navn', verdi: 'Ole Flyttstad', postnummer: '60021' });
    await page.getByLabel('Fylke').fill('Oslo\u0007');
    await page.getByRole('button', { name: 'Slå opp' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Postnummeret må ha fire sifre, for eksempel 0150',
      'Skriv fylkets navn eller nummer, for eksempel Oslo eller 03',
    ]);
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Kjennemerke', verdi: 'ST10001', postnummer: '6002' });
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Avgrensningene gjelder bare søk på eiers navn; velg Eiers navn eller ta dem bort',
    ]);
    // Nothing was sent for any of them.
    expect(await auditRows('bruker:kari.nordmann')).toHaveLength(searchesBefore);
  });

  it('looks up by understellsnummer at a date (the previous owner), and says so when a VIN matches nothing', async () => {
    await lookUp({
      formal: 'HENSATT_KJORETOY',
      type: 'Understellsnummer',
      verdi: 'wvgzzze2zmps00001',
      tidspunkt: '2024-03-01T10:00',
    });
    const text = (await page.textContent('#main')) ?? '';
    expect(text).toContain('ST 10001');
    expect(text).toContain('SIGRID TESTRUD');
    expect(text).not.toContain('MAGNUS');
    await checkPage(page, 'oppslag-understellsnummer');
    // A VIN two vehicles share: both now, only the older one before the newer was registered.
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Understellsnummer', verdi: 'TESTDUPVIN0000001' });
    expect(await page.locator('.treff').count()).toBe(2);
    await lookUp({
      formal: 'HENSATT_KJORETOY',
      type: 'Understellsnummer',
      verdi: 'TESTDUPVIN0000001',
      tidspunkt: '2015-01-01T12:00',
    });
    expect((await page.locator('.treff h3').allTextContents()).map((h) => h.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^ST 10012 – /),
    ]);
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Understellsnummer', verdi: 'XX0000000000NONE1' });
    expect(await page.textContent('#main')).toContain('Fant ingen kjøretøy');
    const vinRows = (await auditRows('bruker:kari.nordmann')).filter(
      (row) => row.operation === 'bulk/understellsnummer',
    );
    expect(vinRows.map((row) => [row.purpose, row.dtg])).toEqual([
      ['HENSATT_KJORETOY', [expect.stringMatching(/^2024-03-01T10:00:00(\.000)?\+01:00$/)]],
      ['HENSATT_KJORETOY', []],
      ['HENSATT_KJORETOY', [expect.stringMatching(/^2015-01-01T12:00:00(\.000)?\+01:00$/)]],
      ['HENSATT_KJORETOY', []],
    ]);
  });

  it('opens a case from a result; the case looks up the owner at the observation, with the person as actor', async () => {
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Kjennemerke', verdi: 'ST10001', tidspunkt: '2024-03-01T10:00' });
    await page.getByRole('button', { name: 'Opprett sak' }).click();
    expect(new URL(page.url()).pathname).toBe('/oppslag/ny-sak');
    expect(await page.getByLabel('Observert (norsk tid)').inputValue()).toBe('2024-03-01T10:00');
    await checkPage(page, 'ny-sak');
    await page.getByRole('button', { name: 'Opprett sak' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Skriv hvor kjøretøyet står',
      'Skriv breddegrad som desimaltall, for eksempel 59,9127',
      'Skriv lengdegrad som desimaltall, for eksempel 10,7461',
    ]);
    await page.getByLabel('Hvor står kjøretøyet? (adresse eller stedsbeskrivelse)').fill('Storgata 1, ved busslomma');
    await page.getByLabel('Breddegrad').fill('59,9127');
    await page.getByLabel('Lengdegrad').fill('10.7461');
    await page.getByRole('button', { name: 'Opprett sak' }).click();
    const id = /^\/saker\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
    expect(id).not.toBe('');
    const sak = await system.waitForSak(id, saksbehandlerKey);
    expect(sak).toMatchObject({ status: 'EIER_FUNNET', kilde: 'bruker:kari.nordmann', kjennemerke: 'ST10001' });
    await page.reload();
    const text = (await page.textContent('#main')) ?? '';
    expect(text).toContain('SIGRID TESTRUD');
    expect(text).toContain('Storgata 1, ved busslomma');
    await checkPage(page, 'sak-fra-oppslag');
    const forCase = (await auditRows('bruker:kari.nordmann')).filter((row) => row.case_ref === id);
    expect(forCase).toEqual([
      expect.objectContaining({ actor: 'bruker:kari.nordmann', purpose: 'HENSATT_KJORETOY', case_ref: id }),
    ]);
  });

  it('shows the fødselsnummer to a role allowed to see it', async () => {
    await page.click('text=Logg ut');
    await login(adminKey);
    await lookUp({ formal: 'HENSATT_KJORETOY', type: 'Kjennemerke', verdi: 'ST10001', tidspunkt: '2024-03-01T10:00' });
    expect(await page.textContent('.treff')).toContain('Fødselsnummer: 14856890024');
  });

  it('writes no owner name or fødselsnummer to the log', () => {
    const logged = system.logs.join('\n');
    expect(logged).not.toMatch(/SIGRID|TESTRUD|MAGNUS|SKJERMVIK|FLYTTSTAD|flyttstad|14856890024/);
  });
});
