import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './support/run-cli.js';
import { useTestSimulator } from './support/simulator.js';

const fixture = useTestSimulator({ resetEachTest: false });
const run = (args: string[], env: Record<string, string | undefined> = fixture.sim.env) =>
  runCli(args, { env, cwd: fixture.dir });

describe('exit codes and error output', () => {
  it.each([
    ['an unknown command', ['fly']],
    ['an unknown option', ['oppslag', 'kjennemerke', 'CU10942', '--farge', 'rod']],
    ['a missing argument', ['oppslag', 'understellsnummer']],
    ['an invalid --format', ['oppslag', 'kjennemerke', 'CU10942', '--format', 'xml']],
    ['no identifiers at all', ['oppslag', 'kjennemerke']],
    ['an unreadable --file', ['oppslag', 'kjennemerke', '--file', 'finnes-ikke.txt']],
    ['an invalid --dtg', ['oppslag', 'kjennemerke', 'CU10942', '--dtg', 'i går']],
    ['--fields full with --format csv', ['oppslag', 'kjennemerke', 'CU10942', '--fields', 'full', '--format', 'csv']],
  ])('exits 2 for %s, before any request', async (_, args) => {
    fixture.sim.reset();
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(fixture.sim.stats().requests).toBe(0);
  });

  it('exits 0 for --help and --version', async () => {
    expect((await run(['--help'])).code).toBe(0);
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 1 with one line naming every missing variable, and no stack trace', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942'], {});
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^kjoretoy: invalid configuration: .*FIKS_ORG_ID.*FIKS_INTEGRASJON_ID.*MASKINPORTEN_CLIENT_ID/,
    );
  });

  it('prints the stack trace with --debug, still without secrets', async () => {
    const env = { ...fixture.sim.env, FIKS_INTEGRASJON_PASSORD: 'hemmelig-passord-123' };
    const result = await run(['oppslag', 'understellsnummer', 'TESTDIGDIR0000016', '--debug'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('hemmelig-passord-123');
    expect(result.stderr).not.toMatch(/eyJ[\w-]{5,}\.[\w-]{5,}\./);
  });

  it('with KJORETOY_ENV=prod requires --actor, --purpose and --legal-basis (exit 2), and records them when given', async () => {
    const prod = { ...fixture.sim.env, KJORETOY_ENV: 'prod' };
    fixture.sim.reset();
    const refused = await run(['oppslag', 'kjennemerke', 'CU10942'], prod);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--actor.*--purpose.*--legal-basis/);
    expect(fixture.sim.stats().requests).toBe(0);

    const audited = await run(
      [
        'oppslag',
        'kjennemerke',
        'CU10942',
        '--actor',
        'saksbehandler-1',
        '--purpose',
        'HENSATT_KJORETOY',
        '--legal-basis',
        'vegtrafikkloven § 37',
        '--saksnummer',
        '2024/17',
        '--audit-file',
        'audit.ndjson',
      ],
      prod,
    );
    expect(audited.code).toBe(0);
    const lines = readFileSync(join(fixture.dir, 'audit.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Write-ahead: the intent, then its completion by the same auditId, then the call's summary.
    expect(lines.map((line) => line['phase'])).toEqual(['intent', 'completed', undefined]);
    const [intent, completion, summary] = lines;
    expect(intent).toMatchObject({ operation: 'bulk/kjennemerke', identifiers: ['CU10942'], caseRef: '2024/17' });
    expect(completion).toMatchObject({
      auditId: intent['auditId'],
      requestId: intent['requestId'],
      outcome: { found: 1 },
    });
    expect(summary).toMatchObject({ requestIds: [intent['requestId']], auditIds: [intent['auditId']] });
    const events = [summary];
    expect(events[0]).toMatchObject({
      operation: 'bulk/kjennemerke',
      actor: 'saksbehandler-1',
      purpose: 'HENSATT_KJORETOY',
      legalBasis: 'vegtrafikkloven § 37',
      caseRef: '2024/17',
      outcome: { found: 1 },
    });
  });

  it('takes flags over the environment over .env', async () => {
    const { writeFileSync } = await import('node:fs');
    const dotenv = Object.entries({ ...fixture.sim.env, FIKS_ORG_ID: '00000000-0000-4000-8000-000000000000' })
      .map(([k, v]) => `${k}="${v}"`)
      .join('\n');
    writeFileSync(join(fixture.dir, 'test.env'), dotenv);
    // .env alone: its FIKS_ORG_ID has no access → 403 → exit 1.
    const fromFile = await run(['oppslag', 'understellsnummer', 'TESTDIGDIR0000016', '--dotenv', 'test.env'], {});
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain('KJR_FORBIDDEN');
    // The environment beats the file.
    const fromEnv = await run(['oppslag', 'understellsnummer', 'TESTDIGDIR0000016', '--dotenv', 'test.env'], {
      FIKS_ORG_ID: fixture.sim.demo.fiksOrgId,
    });
    expect(fromEnv.code).toBe(0);
    // A flag beats both.
    const fromFlag = await run(
      [
        'oppslag',
        'understellsnummer',
        'TESTDIGDIR0000016',
        '--dotenv',
        'test.env',
        '--fiks-org-id',
        fixture.sim.demo.fiksOrgId,
      ],
      { FIKS_ORG_ID: '00000000-0000-4000-8000-000000000000' },
    );
    expect(fromFlag.code).toBe(0);
  });
});
