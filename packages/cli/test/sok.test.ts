import { runCli } from './support/run-cli.js';
import { routeCount, useTestSimulator } from './support/simulator.js';

interface Hit {
  status: string;
  kjoretoy?: Record<string, unknown>;
}

const fixture = useTestSimulator();
const run = (args: string[]) => runCli(args, { env: fixture.sim.env, cwd: fixture.dir });

describe('kjoretoy sok', () => {
  it('searches by plate with a bare value', async () => {
    const result = await run(['sok', 'kjennemerke', 'CU10942', '--format', 'json']);
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Hit[];
    expect(hits).toHaveLength(1);
    expect(hits[0]?.kjoretoy).toMatchObject({ kjennemerke: 'CU 10942', merke: 'MITSUBISHI' });
    expect(result.stderr).toContain('1 of 1 hits');
  });

  it('follows every page with --all, one request per page', async () => {
    // JARLE BERGER owns EC 80261 and co-owns CU 10942 (docs/contract.md#s6): two hits, one per page.
    const onePage = await run(['sok', 'eiernavn', 'JARLE', 'BERGER', 'antall=1', '--format', 'json']);
    expect(onePage.code).toBe(0);
    expect(JSON.parse(onePage.stdout)).toHaveLength(1);
    const total = Number(/of (\d+) hits/.exec(onePage.stderr)?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(onePage.stderr).toContain('use --all');

    fixture.sim.reset();
    const all = await run(['sok', 'eiernavn', 'navn=JARLE BERGER', 'antall=1', '--all', '--format', 'ndjson']);
    expect(all.code).toBe(0);
    const hits = all.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Hit);
    expect(hits).toHaveLength(total);
    const plates = hits.map((h) => h.kjoretoy?.['kjennemerke']);
    expect(plates).toEqual(expect.arrayContaining(['CU 10942', 'EC 80261']));
    expect(new Set(plates).size).toBe(total);
    expect(routeCount(fixture.sim.stats(), 'GET', '/sok/eiernavn')).toBe(total);
  });

  it('searches customers with sok kunde, without fødselsnummer', async () => {
    const result = await run(['sok', 'kunde', 'PERSON', 'navn=HELGE KROKEN', '--format', 'json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ kunde: { navn: string } }>;
    expect(rows.some((r) => r.kunde.navn.includes('KROKEN'))).toBe(true);
    expect(result.stdout).not.toContain('fodselsnummer');
  });

  it('rejects an unknown parameter as a usage error naming it, without calling anyone', async () => {
    const result = await run(['sok', 'kjennemerke', 'CU10942', 'farge=RED']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('farge');
    expect(fixture.sim.stats().requests).toBe(0);
  });

  it('rejects an unknown search as a usage error', async () => {
    const result = await run(['sok', 'farge', 'RED']);
    expect(result.code).toBe(2);
  });
});
