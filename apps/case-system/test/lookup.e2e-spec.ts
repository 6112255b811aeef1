import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { sql } from 'kysely';
import type { Sak } from '../src/saker/domain/sak.js';
import type { AuditLogEntry } from '../src/saker/sak.mapper.js';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { observasjon, postSigned, type ObservasjonInput } from './support/webhooks.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the asynchronous lookup', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let apiKey: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator);
    apiKey = await system.createUser('saksbehandler');
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  async function report(input: ObservasjonInput): Promise<Sak> {
    const response = await postSigned(system.url, system.secret, observasjon(input));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    return system.waitForSak(id, apiKey);
  }

  const logg = (id: string) => system.get<AuditLogEntry[]>(`/api/saker/${id}/logg`, apiKey);

  it('completes in the background and stores the owner for a notice with a 14-day deadline', async () => {
    const sak = await report({ kjennemerke: 'CU10942', observertTidspunkt: '2023-06-01T12:00:00+02:00' });
    expect(sak.status).toBe('EIER_FUNNET');
    expect(sak.eier?.eier).toMatchObject({ navn: 'HELGE KROKEN', type: 'person', skjermet: false });
    expect(sak.kjoretoy).toMatchObject({
      kjennemerke: 'CU 10942',
      merke: 'MITSUBISHI',
      understellsnummer: 'TESTDIGDIR0000016',
    });
    expect(sak.oppslag).toEqual({ status: 'DONE', forsok: 1 });
    const found = Date.parse(sak.eierFunnetTidspunkt as string);
    expect(Date.parse(sak.varselFrist as string) - found).toBe(14 * DAY_MS);
  });

  it('finds the owner as of the observation time: before and after ST 10001 was sold', async () => {
    const before = await report({ kjennemerke: 'ST10001', observertTidspunkt: '2024-03-01T10:00:00+01:00' });
    const after = await report({ kjennemerke: 'ST10001', observertTidspunkt: '2024-04-01T10:00:00+02:00' });
    expect(before.eier?.eier?.navn).toBe('SIGRID TESTRUD');
    expect(before.eier?.eier?.tilTidspunkt).toBe('2024-03-15T12:00:00.000+01:00');
    expect(after.eier?.eier?.navn).toBe('MAGNUS PRØVESEN');
    const [beforeRow] = await logg(before.id);
    expect(beforeRow.dtg).toEqual(['2024-03-01T10:00:00.000+01:00']);
  });

  it('keeps no fødselsnummer unless configured', async () => {
    const sak = await report({ kjennemerke: 'ST10001', observertTidspunkt: '2024-04-01T10:00:00+02:00' });
    const stored = await system.db
      .selectFrom('saker')
      .select('eier')
      .where('id', '=', sak.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.eier)).not.toMatch(/fodselsnummer|02919090181/);
  });

  it('marks a shielded owner SKJERMET for manual handling and stores no address', async () => {
    const owner = await report({ kjennemerke: 'ST10002', observertTidspunkt: '2024-03-01T10:00:00+01:00' });
    expect(owner.status).toBe('SKJERMET');
    expect(owner.varselFrist).toBeUndefined();
    expect(owner.eier?.eier?.skjermet).toBe(true);
    const vehicle = await report({ kjennemerke: 'ST10003', observertTidspunkt: '2024-03-01T10:00:00+01:00' });
    expect(vehicle.status).toBe('SKJERMET');
    expect(vehicle.eier?.skjermet).toBe(true);

    const rows = await system.db.selectFrom('saker').select('eier').where('id', 'in', [owner.id, vehicle.id]).execute();
    for (const row of rows) expect(JSON.stringify(row.eier)).not.toMatch(/adresse|poststed|postnummer/);
  });

  it('falls back to the understellsnummer when the plate finds nothing or is missing', async () => {
    const vinOnly = await report({
      understellsnummer: 'TESTSISDINKY00004',
      observertTidspunkt: '2023-06-01T12:00:00+02:00',
    });
    expect(vinOnly.status).toBe('EIER_FUNNET');
    expect(vinOnly.eier?.eier?.navn).toBe('LEDENDE FIRKANT');

    const wrongPlate = await report({
      kjennemerke: 'XX99999',
      understellsnummer: 'TESTDIGDIR0000015',
      observertTidspunkt: '2023-06-01T12:00:00+02:00',
    });
    expect(wrongPlate.status).toBe('EIER_FUNNET');
    expect(wrongPlate.eier?.eier?.navn).toBe('JARLE BERGER');
    expect((await logg(wrongPlate.id)).map((row) => [row.operation, row.utfall])).toEqual([
      ['bulk/kjennemerke', 'not_found'],
      ['bulk/understellsnummer', 'found'],
    ]);
  });

  it('records IKKE_FUNNET for a vehicle the register does not know at that time', async () => {
    const unknown = await report({ kjennemerke: 'XX99999' });
    expect(unknown).toMatchObject({ status: 'IKKE_FUNNET', feilarsak: expect.any(String) });
    // ST 10001 was first registered on 2021-05-10: no vehicle before that (STORY_VEHICLES.md).
    const tooEarly = await report({ kjennemerke: 'ST10001', observertTidspunkt: '2020-01-01T12:00:00+01:00' });
    expect(tooEarly.status).toBe('IKKE_FUNNET');
  });

  it('writes one audit entry per register request with actor, purpose, legal basis, case, identifiers, dtg and data categories', async () => {
    const sak = await report({ kjennemerke: 'EC80261', observertTidspunkt: '2023-06-01T12:00:00+02:00' });
    const rows = await logg(sak.id);
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'webhook:feltapp',
        purpose: 'HENSATT_KJORETOY',
        legalBasis: 'vegtrafikkloven § 37 / parkeringsforskriften § 38',
        caseRef: sak.id,
        operation: 'bulk/kjennemerke',
        identifiers: ['EC80261'],
        dtg: ['2023-06-01T12:00:00.000+02:00'],
        utfall: 'found',
        outcome: { found: 1, notFound: 0, unavailable: 0, invalid: 0, error: 0 },
        dataCategories: expect.arrayContaining(['technical', 'owner']),
        requestIds: [expect.any(String)],
        auditId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      }),
    ]);
  });

  it('keeps the audit log append-only in the database itself, intents and completions alike', async () => {
    const sak = await report({ kjennemerke: 'CU11293', observertTidspunkt: '2023-06-01T12:00:00+02:00' });
    const count = async () =>
      (
        await sql<{ intents: number; completions: number }>`select count(*)::int as intents,
          count(c.audit_id)::int as completions
          from audit_log l left join audit_completions c using (audit_id) where l.case_ref = ${sak.id}`.execute(
          system.db,
        )
      ).rows[0];
    expect(await count()).toEqual({ intents: 1, completions: 1 });
    await expect(
      sql`update audit_log set actor = 'someone else' where case_ref = ${sak.id}`.execute(system.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where case_ref = ${sak.id}`.execute(system.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`update audit_completions set result = 'not_found'`.execute(system.db)).rejects.toThrow(
      /audit_completions is append-only/,
    );
    await expect(sql`delete from audit_completions`.execute(system.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_completions`.execute(system.db)).rejects.toThrow(/append-only/);
    // The foreign key from audit_completions refuses this before the trigger can.
    await expect(sql`truncate audit_log`.execute(system.db)).rejects.toThrow(/append-only|referenced in a foreign key/);
    expect(await count()).toEqual({ intents: 1, completions: 1 });
  });
});
