import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from './support/run-cli.js';
import { useTestSimulator } from './support/simulator.js';

/**
 * The 0.1.0 flag names (docs/glossary.md renamed them to English) keep working until 0.2.0: each
 * does what its new name does and prints one deprecation line; both names at once are a usage
 * error; `--help` shows only the new names. `simulator --skriv-env` is proven in token.test.ts.
 */

const fixture = useTestSimulator();
const run = (args: string[], env: Record<string, string | undefined> = fixture.sim.env): Promise<CliResult> =>
  runCli(args, { env, cwd: fixture.dir });

const warning = (old: string, current: string): string =>
  `kjoretoy: ${old} is deprecated and will be removed in 0.2.0; use ${current}`;

function deprecationLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((line) => line.includes(' is deprecated '));
}

interface Row {
  status: string;
  kjoretoy?: Record<string, unknown>;
}

describe('old flag names', () => {
  it('--aktor, --formal, --hjemmel and --audit-fil still fill the audit record, with one warning each', async () => {
    const result = await run(
      [
        'oppslag',
        'kjennemerke',
        'CU10942',
        '--aktor',
        'saksbehandler-1',
        '--formal',
        'HENSATT_KJORETOY',
        '--hjemmel',
        'vegtrafikkloven § 37',
        '--audit-fil',
        'old-names.ndjson',
      ],
      { ...fixture.sim.env, KJORETOY_ENV: 'prod' },
    );
    expect(result.code).toBe(0);
    expect(deprecationLines(result).sort()).toEqual(
      [
        warning('--aktor', '--actor'),
        warning('--formal', '--purpose'),
        warning('--hjemmel', '--legal-basis'),
        warning('--audit-fil', '--audit-file'),
      ].sort(),
    );
    const [event] = readFileSync(join(fixture.dir, 'old-names.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(event).toMatchObject({
      actor: 'saksbehandler-1',
      purpose: 'HENSATT_KJORETOY',
      legalBasis: 'vegtrafikkloven § 37',
    });
  });

  it('--fil still reads the identifiers from a file', async () => {
    writeFileSync(join(fixture.dir, 'old-plates.txt'), 'CU10942\nXX99999\n');
    const result = await run(['oppslag', 'kjennemerke', '--fil', 'old-plates.txt', '--format', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Row[]).map((row) => row.status)).toEqual(['found', 'not_found']);
    expect(deprecationLines(result)).toEqual([warning('--fil', '--file')]);
  });

  it('--felter still picks the projection', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', '--felter', 'eier', '--format', 'json']);
    expect(result.code).toBe(0);
    const [row] = JSON.parse(result.stdout) as Row[];
    expect(row?.kjoretoy?.['eier']).toMatchObject({ navn: expect.stringContaining('KROKEN') });
    expect(deprecationLines(result)).toEqual([warning('--felter', '--fields')]);
  });

  it('--med-fodselsnummer still keeps fødselsnummer', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', '--fields', 'full', '--med-fodselsnummer']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fodselsnummer');
    expect(deprecationLines(result)).toEqual([warning('--med-fodselsnummer', '--include-fodselsnummer')]);
  });

  it('--alle still follows every page', async () => {
    const result = await run(['sok', 'eiernavn', 'navn=JARLE BERGER', 'antall=1', '--alle', '--format', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Row[]).length).toBeGreaterThanOrEqual(2);
    expect(deprecationLines(result)).toEqual([warning('--alle', '--all')]);
  });

  it('--env-fil still reads the configuration from that file', async () => {
    const dotenv = Object.entries(fixture.sim.env)
      .map(([key, value]) => `${key}="${value}"`)
      .join('\n');
    writeFileSync(join(fixture.dir, 'old.env'), dotenv);
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', '--env-fil', 'old.env', '--format', 'json'], {});
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Row[])[0]?.status).toBe('found');
    expect(deprecationLines(result)).toEqual([warning('--env-fil', '--dotenv')]);
  });

  it('--forventet-org still sets the organisation the doctor expects', async () => {
    const result = await run(['doctor', '--forventet-org', fixture.sim.demo.supplierOrgnr]);
    expect(result.code).toBe(1);
    const consumerLine = result.stdout.split('\n').find((line) => line.includes('Token consumer organisation'));
    expect(consumerLine).toMatch(/^✘ /);
    expect(consumerLine).toContain(`consumer is ${fixture.sim.demo.orgnr} but ${fixture.sim.demo.supplierOrgnr}`);
    expect(deprecationLines(result)).toEqual([warning('--forventet-org', '--expected-org')]);
  });

  it('prints no warning for the new names', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', '--fields', 'eier', '--include-fodselsnummer']);
    expect(result.code).toBe(0);
    expect(deprecationLines(result)).toEqual([]);
  });

  it.each([
    ['--aktor', ['oppslag', 'kjennemerke', 'CU10942', '--aktor', 'a', '--actor', 'b']],
    ['--formal', ['oppslag', 'kjennemerke', 'CU10942', '--formal', 'a', '--purpose', 'b']],
    ['--hjemmel', ['oppslag', 'kjennemerke', 'CU10942', '--legal-basis', 'a', '--hjemmel', 'b']],
    ['--audit-fil', ['oppslag', 'kjennemerke', 'CU10942', '--audit-fil', 'a', '--audit-file', 'b']],
    ['--felter', ['--felter', 'eier', 'oppslag', 'kjennemerke', 'CU10942', '--fields', 'eier']],
    ['--med-fodselsnummer', ['oppslag', 'kjennemerke', 'CU10942', '--med-fodselsnummer', '--include-fodselsnummer']],
    ['--env-fil', ['oppslag', 'kjennemerke', 'CU10942', '--env-fil', 'a', '--dotenv', 'b']],
    ['--fil', ['oppslag', 'kjennemerke', '--fil', 'a', '--file', 'b']],
    ['--alle', ['sok', 'eiernavn', 'JARLE', '--alle', '--all']],
    ['--forventet-org', ['doctor', '--forventet-org', '123456789', '--expected-org', '123456789']],
    ['--skriv-env', ['simulator', '--skriv-env', 'a.env', '--write-env', 'b.env']],
  ])('refuses %s together with its new name (exit 2), before any request', async (old, args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`option '${old}\\b.*' cannot be used with option '--`));
    expect(fixture.sim.stats().requests).toBe(0);
  });

  it.each([
    [
      'kjoretoy',
      ['--fields', '--include-fodselsnummer', '--actor', '--purpose', '--legal-basis', '--audit-file', '--dotenv'],
    ],
    ['kjoretoy oppslag kjennemerke', ['--file']],
    ['kjoretoy sok', ['--all']],
    ['kjoretoy doctor', ['--expected-org']],
    ['kjoretoy simulator', ['--write-env']],
  ])('`%s --help` shows only the new names', async (command, names) => {
    const result = await run([...command.split(' ').slice(1), '--help']);
    expect(result.code).toBe(0);
    for (const name of names) expect(result.stdout).toContain(name);
    expect(result.stdout).not.toMatch(
      /--(felter|med-fodselsnummer|aktor|formal|hjemmel|audit-fil|env-fil|fil|alle|forventet-org|skriv-env)\b/,
    );
  });
});
