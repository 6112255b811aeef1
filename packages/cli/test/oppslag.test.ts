import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN, runCli, runProgram } from './support/run-cli.js';

const SCRIPT = '/usr/bin/script';
import { routeCount, useTestSimulator } from './support/simulator.js';

interface Row {
  input: unknown;
  status: string;
  kjoretoy?: Record<string, unknown>;
  responskoder?: Array<{ kode: string }>;
  error?: { code: string; message: string; svvguid?: string };
}

const fixture = useTestSimulator();
const run = (args: string[], input?: string) =>
  runCli(args, { env: fixture.sim.env, cwd: fixture.dir, ...(input === undefined ? {} : { input }) });

describe('kjoretoy oppslag kjennemerke', () => {
  it('prints JSON aligned with the inputs, technical fields only, and treats not-found as a result (exit 0)', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', 'XX99999', 'ec 80261', '--format', 'json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.map((r) => [r.input, r.status])).toEqual([
      ['CU10942', 'found'],
      ['XX99999', 'not_found'],
      ['ec 80261', 'found'],
    ]);
    expect(rows[0]?.kjoretoy).toMatchObject({ kjennemerke: 'CU 10942', merke: 'MITSUBISHI', kuid: '3378119709' });
    expect(rows[2]?.kjoretoy).toMatchObject({ kuid: '3378119451' });
    expect(rows[1]?.responskoder?.length).toBeGreaterThan(0);
    // Owner data only when asked for.
    expect(result.stdout).not.toMatch(/KROKEN|eierskap|"eier"/);
    expect(result.stderr).toContain('3 lookups: 2 found, 1 not_found');
  });

  it('defaults to JSON when stdout is not a terminal', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Row[])[0]?.status).toBe('found');
  });

  it('prints a table with --format table', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', 'XX99999', '--format', 'table']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.some((l) => /input.*status.*kjennemerke.*merke/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('CU10942') && l.includes('found') && l.includes('MITSUBISHI'))).toBe(true);
    expect(lines.some((l) => l.includes('XX99999') && l.includes('not_found'))).toBe(true);
    expect(result.stdout).not.toContain('\u001b['); // no colour codes in piped output
  });

  it('shows owners for a notice with --fields eier, without fødselsnummer unless asked', async () => {
    const plain = await run(['oppslag', 'kjennemerke', 'CU10942', '--fields', 'eier', '--format', 'json']);
    expect(plain.code).toBe(0);
    const [row] = JSON.parse(plain.stdout) as Row[];
    expect(row?.kjoretoy?.['eier']).toMatchObject({ navn: expect.stringContaining('KROKEN') });
    expect(plain.stdout).not.toContain('fodselsnummer');

    const full = await run(['oppslag', 'kjennemerke', 'CU10942', '--fields', 'full']);
    expect(full.code).toBe(0);
    const [fullRow] = JSON.parse(full.stdout) as Row[];
    expect(fullRow?.kjoretoy).toHaveProperty('godkjenning');
    expect(full.stdout).not.toContain('fodselsnummer');

    const withFnr = await run(['oppslag', 'kjennemerke', 'CU10942', '--fields', 'full', '--include-fodselsnummer']);
    expect(withFnr.stdout).toContain('fodselsnummer');
  });

  it('looks up a 1 000-line file as CSV in input order, in 10 bulk requests with one token', async () => {
    const plates = Array.from({ length: 1000 }, (_, i) => `CU${10000 + i}`);
    writeFileSync(join(fixture.dir, 'plates.txt'), `${plates.join('\n')}\n`);
    const result = await run(['oppslag', 'kjennemerke', '--file', 'plates.txt', '--format', 'csv']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1001);
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 2)).toEqual(['input', 'status']);
    const inputs = lines.slice(1).map((line) => line.split(',')[0]);
    expect(inputs).toEqual(plates);
    const cu10942 = lines[1 + 942] ?? '';
    expect(cu10942).toMatch(/^CU10942,found,/);
    expect(cu10942).toContain('MITSUBISHI');
    const stats = fixture.sim.stats();
    expect(routeCount(stats, 'POST', '/bulk/kjennemerke')).toBe(10);
    expect(stats.tokenRequests.ok).toBe(1);
    // stderr is not a terminal: a summary, no progress bar.
    expect(result.stderr).toMatch(/^1000 lookups: /);
    expect(result.stderr).not.toContain('oppslag [');
  });

  it('reads CSV with per-line dtg from stdin and writes NDJSON', async () => {
    const csv = 'kjennemerke,dtg\nCU10942,2024-06-01T12:00:00+02:00\nXX99999,\nEC80261,2024-06-01T12:00:00+02:00\n';
    const result = await run(['oppslag', 'kjennemerke', '--file', '-', '--format', 'ndjson'], csv);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Row);
    expect(rows.map((r) => r.status)).toEqual(['found', 'not_found', 'found']);
    expect(rows[0]?.input).toEqual({ kjennemerke: 'CU10942', dtg: '2024-06-01T12:00:00+02:00' });
    expect(rows[1]?.input).toBe('XX99999');
  });

  it('looks up the vehicle as it was at --dtg, and per line when the file gives a dtg', async () => {
    // Story vehicle ST10001: sold 2024-03-15T12:00:00+01:00 from SIGRID TESTRUD to MAGNUS PRØVESEN.
    const before = await run([
      'oppslag',
      'kjennemerke',
      'ST10001',
      '--dtg',
      '2024-03-01T12:00:00+01:00',
      '--fields',
      'eier',
    ]);
    expect(before.code).toBe(0);
    expect((JSON.parse(before.stdout) as Row[])[0]?.kjoretoy?.['eier']).toMatchObject({
      navn: expect.stringContaining('TESTRUD'),
    });

    const csv = 'kjennemerke,dtg\nST10001,2024-03-15T11:59:00+01:00\nST10001,2024-03-15T12:01:00+01:00\nST10001\n';
    const perLine = await run(['oppslag', 'kjennemerke', '--file', '-', '--fields', 'eier'], csv);
    expect(perLine.code).toBe(0);
    const owners = (JSON.parse(perLine.stdout) as Row[]).map(
      (row) => (row.kjoretoy?.['eier'] as { navn: string }).navn,
    );
    expect(owners[0]).toContain('TESTRUD');
    expect(owners[1]).toContain('PRØVESEN');
    expect(owners[2]).toContain('PRØVESEN');
  });

  (existsSync(SCRIPT) ? it : it.skip)(
    'draws a progress bar on stderr when it is a terminal and the lookup needs several chunks',
    async () => {
      writeFileSync(
        join(fixture.dir, 'plates-250.txt'),
        Array.from({ length: 250 }, (_, i) => `CU${10000 + i}`).join('\n'),
      );
      // `script` gives the child a pseudo-terminal, so stderr.isTTY is true as in an interactive shell.
      const command = `${process.execPath} ${MAIN} oppslag kjennemerke --file plates-250.txt --format ndjson`;
      const result = await runProgram(SCRIPT, ['-q', '-e', '-c', command, '/dev/null'], {
        env: fixture.sim.env,
        cwd: fixture.dir,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/oppslag \[.*\] \d+\/250/);
      expect(routeCount(fixture.sim.stats(), 'POST', '/bulk/kjennemerke')).toBe(3);
    },
  );

  it('marks an unusable line invalid in place, still answers the others, and exits 1', async () => {
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', 'NOT A PLATE!', '--format', 'json']);
    expect(result.code).toBe(1);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.map((r) => r.status)).toEqual(['found', 'invalid']);
    expect(rows[1]?.error?.code).toBe('KJR_VALIDATION');
    expect(rows[1]?.error?.message).toContain('items[1]');
  });

  it('reports a failed bulk request per item, exits 1, and prints one error line with the svvguid', async () => {
    fixture.sim.setFaults({ serverError: { status: 500, times: 1 } });
    const result = await run(['oppslag', 'kjennemerke', 'CU10942', '--format', 'json']);
    expect(result.code).toBe(1);
    const [row] = JSON.parse(result.stdout) as Row[];
    expect(row?.status).toBe('error');
    expect(row?.error?.code).toBe('KJR_UPSTREAM');
    const errorLines = result.stderr.split('\n').filter((l) => l.startsWith('kjoretoy:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(`svvguid ${row?.error?.svvguid}`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
  });
});

describe('kjoretoy oppslag kuid and understellsnummer', () => {
  it('looks up a kuid', async () => {
    const result = await run(['oppslag', 'kuid', '3378119709', '--format', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Row[])[0]).toMatchObject({
      input: '3378119709',
      status: 'found',
      kjoretoy: { kjennemerke: 'CU 10942' },
    });
  });

  it('refuses a file whose header names the other identifier, as a usage error', async () => {
    const result = await run(['oppslag', 'kuid', '--file', '-'], 'kjennemerke\nCU10942\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('oppslag kjennemerke');
  });

  it('looks up a VIN', async () => {
    const result = await run(['oppslag', 'understellsnummer', 'TESTDIGDIR0000016', '--format', 'json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows[0]).toMatchObject({
      input: 'TESTDIGDIR0000016',
      status: 'found',
      kjoretoy: { kjennemerke: 'CU 10942' },
    });
  });

  it('answers an unknown VIN as not found with exit 0', async () => {
    const result = await run(['oppslag', 'understellsnummer', 'TESTNOSUCHVIN0001', '--format', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Row[])[0]?.status).toBe('not_found');
  });
});
