import { configFromEnv } from '../../src/config/from-env.js';
import type { ClientOptions } from '../../src/config/options.js';
import { FiksAuthenticationError, ForbiddenError, MaskinportenError, QuotaExceededError } from '../../src/errors.js';
import type { AuditEvent } from '../../src/observability/audit.js';
import type { LookupOutcome } from '../../src/operations/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { eierForVarsel } from '../../src/projections/index.js';
import type { Kjoretoy } from '../../src/schemas/index.js';
import { CountingTransport } from '../support/counting-transport.js';
import { expectCoreError } from '../support/core-errors.js';
import { useSimulatorClients } from '../support/simulator-clients.js';

// The whole client (grant signing, token cache, pipeline, envelope) against the independent
// simulator over real HTTP on loopback.

function vehicle(outcome: LookupOutcome): Kjoretoy {
  if (!outcome.kjoretoy) throw new Error(`expected a vehicle, got ${outcome.status}`);
  return outcome.kjoretoy;
}

const AUDIT = { actor: 'saksbehandler-1', purpose: 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' };

describe('core against the simulator', () => {
  const sim = useSimulatorClients(2_000);
  const client = (overrides: Partial<ClientOptions> = {}) => sim.client(overrides);

  const bulkRequests = (kind: string) =>
    Object.values(
      sim.simulator.stats().routes[
        `POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/${kind}`
      ] ?? {},
    ).reduce((a, b) => a + b, 0);

  it('looks up plates with a p12 virksomhetssertifikat end to end', async () => {
    const outcomes = await client().lookupKjennemerke(['cu10942', 'EC 80261', 'XX99999']);
    expect(outcomes.map((o) => o.status)).toEqual(['found', 'found', 'not_found']);
    expect(outcomes[0].kjoretoy?.kjoretoyId?.kjennemerke).toBe('CU 10942');
  });

  it('fetches exactly one token for 100 concurrent lookups', async () => {
    const counting = new CountingTransport(createFetchTransport({ proxy: false }));
    const c = client({ transport: counting });
    try {
      await Promise.all(Array.from({ length: 100 }, () => c.lookupKjennemerke(['CU10942'])));
    } finally {
      // An injected transport is the caller's to close.
      await counting.close();
    }
    expect(sim.simulator.stats().tokenRequests.ok).toBe(1);
    expect(counting.sent.maskinporten).toBe(1);
  });

  it('chunks 250 plates into 3 bulk requests with outcomes aligned to the inputs', async () => {
    const plates = Array.from({ length: 250 }, (_, i) => (i % 5 === 0 ? 'XX99999' : `CU${10000 + i}`));
    const distinct = new Set(plates).size;
    const outcomes = await client().lookupKjennemerke(plates);
    expect(outcomes).toHaveLength(250);
    outcomes.forEach((outcome, i) => expect(outcome.input).toBe(plates[i]));
    expect(bulkRequests('kjennemerke')).toBe(Math.ceil(distinct / 100));
    expect(outcomes.filter((o) => o.input === 'XX99999').every((o) => o.status === 'not_found')).toBe(true);
  });

  it('gives the owner as of dtg: before and after the story ownership change', async () => {
    const [before, after] = await client().lookupKjennemerke([
      { kjennemerke: 'ST10001', dtg: '2024-03-01T12:00:00+01:00' },
      { kjennemerke: 'ST10001', dtg: new Date('2024-04-01T10:00:00Z') },
    ]);
    expect(eierForVarsel(vehicle(before)).eier?.navn).toBe('SIGRID TESTRUD');
    expect(eierForVarsel(vehicle(after)).eier?.navn).toBe('MAGNUS PRØVESEN');
  });

  it('reports a vehicle withheld from this consumer as unavailable', async () => {
    const [outcome] = await client().lookupKjennemerke(['ST10008']);
    expect(outcome.status).toBe('unavailable');
  });

  it('returns every vehicle that shares a VIN', async () => {
    const result = await client().lookupUnderstellsnummer('testdupvin0000001');
    expect(result.status).toBe('found');
    expect(result.kjoretoy.map((k) => k.kjoretoyId?.kuid).sort()).toEqual(['3378300012', '3378300013']);
  });

  it('looks up by kuid', async () => {
    const [outcome] = await client().lookupKuid(['3378119709']);
    expect(outcome.kjoretoy?.kjoretoyId?.kjennemerke).toBe('CU 10942');
  });

  it('follows search pages until antallTreffTotalt', async () => {
    const c = client({ searchPageSize: 5 });
    const first = await c.sok('kjennemerke', { kjennemerke: 'ST100??' });
    const all = await c.sokAll('kjennemerke', { kjennemerke: 'ST100??' });
    expect(first.antallTreffTotalt).toBeGreaterThan(10);
    expect(all).toHaveLength(first.antallTreffTotalt ?? -1);
    expect(new Set(all.map((r) => r.kjoretoy?.kjoretoyId?.kuid)).size).toBe(all.length);
  });

  it('refreshes a revoked token once and carries on', async () => {
    const c = client();
    await c.lookupKjennemerke(['CU10942']);
    sim.simulator.revokeTokens();
    const result = await c.lookupUnderstellsnummer('TESTDIGDIR0000016');
    expect(result.status).toBe('found');
    expect(sim.simulator.stats().tokenRequests.ok).toBe(2);
  });

  it('rides out a burst of 503s on a GET', async () => {
    sim.simulator.setFaults({ serverError: { status: 503, times: 2 } });
    const result = await client().lookupUnderstellsnummer('TESTDIGDIR0000016');
    expect(result.status).toBe('found');
  });

  it('stops at a spent quota without retrying and says when it resets', async () => {
    sim.simulator.setFaults({ quota: { dailyItems: 2 } });
    const outcomes = await client().lookupKjennemerke(['CU10942', 'EC80261', 'ST10001']);
    expect(outcomes.every((o) => o.status === 'error')).toBe(true);
    expectCoreError(outcomes[0].error, QuotaExceededError, 'KJR_QUOTA_EXCEEDED');
    expect((outcomes[0].error as QuotaExceededError).retryAfterMs).toBeGreaterThan(0);
    expect(bulkRequests('kjennemerke')).toBe(1);
  });

  it('surfaces a wrong integration password as an integration 401', async () => {
    const error = await client({ integrasjonPassord: 'feil-passord' })
      .lookupUnderstellsnummer('TESTDIGDIR0000016')
      .catch((e: unknown) => e);
    expectCoreError(error, FiksAuthenticationError, 'KJR_FIKS_AUTHENTICATION');
    expect(error).toMatchObject({ kind: 'integration' });
  });

  it('surfaces a fiksOrgId without access as 403', async () => {
    const error = await client({ fiksOrgId: '00000000-0000-4000-8000-000000000000' })
      .lookupUnderstellsnummer('TESTDIGDIR0000016')
      .catch((e: unknown) => e);
    expectCoreError(error, ForbiddenError, 'KJR_FORBIDDEN');
  });

  it('surfaces an unknown Maskinporten client with its MP code', async () => {
    const options = configFromEnv(sim.simulator.env);
    const error = await client({
      maskinporten: {
        ...(options.maskinporten as NonNullable<typeof options.maskinporten>),
        clientId: 'ukjent-klient',
      },
    })
      .getAccessToken()
      .catch((e: unknown) => e);
    expectCoreError(error, MaskinportenError, 'KJR_MASKINPORTEN');
    expect(error).toMatchObject({ mpCode: 'MP-100', status: 400 });
  });

  it('emits one audit event per call and logs nothing personal or secret', async () => {
    const logs: string[] = [];
    const events: AuditEvent[] = [];
    const capture = (level: string) => (message: string, fields?: object) =>
      logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    const c = client({
      logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
      auditSink: { write: (event) => void events.push(event) },
      requireAuditContext: true,
      defaultAuditContext: AUDIT,
    });
    await c.lookupKjennemerke(['CU10942', 'ST10001'], { dtg: '2024-03-01T12:00:00+01:00' });
    sim.simulator.setFaults({ serverError: { status: 503, times: 1 } });
    await c.lookupUnderstellsnummer('TESTDIGDIR0000016');
    await c.sokAll('eiernavn', { navn: 'HELGE KROKEN' });
    await c.lookupUnderstellsnummer('ukjent').catch(() => undefined);

    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ ...AUDIT, operation: 'bulk/kjennemerke', identifiers: ['CU10942', 'ST10001'] });
    expect(events[0].dataCategories).toEqual(expect.arrayContaining(['technical', 'owner']));

    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(3);
    const token = (await c.getAccessToken()).value;
    for (const secret of [
      token,
      token.slice(0, 20),
      sim.simulator.env['FIKS_INTEGRASJON_PASSORD'],
      sim.simulator.env['MASKINPORTEN_P12_PASSWORD'],
      'CU10942',
      'CU 10942',
      'ST10001',
      'TESTDIGDIR0000016',
      'HELGE',
      'KROKEN',
      'eyJ',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\b\d{11}\b/);
  });
});
