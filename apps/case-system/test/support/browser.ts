import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
/**
 * Where `checkPage` writes its screenshots. The README shows the committed ones in docs/screenshots;
 * a run refreshes those only when asked (`UPDATE_SCREENSHOTS=1 npm run test:browser`), so an
 * ordinary test run leaves the working tree as it was and writes its pictures to test-output/.
 */
export const SCREENSHOTS = resolve(
  __dirname,
  process.env['UPDATE_SCREENSHOTS'] === '1' ? '../../docs/screenshots' : '../../test-output/screenshots',
);

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's chromium, headless, with a throwaway profile; a dialog fails the test. */
export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run tools/e2e-system/ensure-chromium.sh`);
  const profile = mkdtempSync(join(tmpdir(), 'case-system-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

// axe-core is CommonJS and exports its own source text for injection.
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

/**
 * axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is, failing on serious or critical
 * violations. The source goes in through `page.evaluate` (CDP Runtime.evaluate, which the page's
 * CSP does not govern) rather than `addScriptTag`, which would be an inline script the CSP
 * refuses, or a `bypassCSP` context, which would stop the tests proving the pages work under it.
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect([page.url(), serious]).toEqual([page.url(), []]);
}

/** axe, then a full-page screenshot `<name>.png` in `SCREENSHOTS`. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoSeriousAxeViolations(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}
