import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { fetchMaskinportenToken } from '../../src/node/key-files.js';
import { createKjoretoyregisterClient, type KjoretoyregisterClient } from '../../src/client.js';
import { configFromEnv } from '../../src/config/from-env.js';
import type { ClientOptions } from '../../src/config/options.js';
import {
  FIKS_PROBE,
  fiksProbeUrl,
  PROBE_AUDIT_CONTEXT,
  PROBE_KJENNEMERKE,
  probeFiks,
} from '../../src/diagnostics/probe.js';
import { ConfigurationError, FiksAuthenticationError, MaskinportenError } from '../../src/errors.js';
import type { AuditEvent } from '../../src/observability/audit.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';

// The probe and the one-shot token fetch against the independent simulator over loopback HTTP.

const SOK_ROUTE = 'GET /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/sok/kjennemerke';

describe('the Fiks probe against the simulator', () => {
  let simulator: RunningSimulator;
  const clients: KjoretoyregisterClient[] = [];
  let events: AuditEvent[];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await simulator.stop();
  });
  beforeEach(() => {
    simulator.reset();
    events = [];
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  function client(overrides: Partial<ClientOptions> = {}): KjoretoyregisterClient {
    const created = createKjoretoyregisterClient({
      ...configFromEnv(simulator.env),
      auditSink: { write: (event) => void events.push(event) },
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      ...overrides,
    });
    clients.push(created);
    return created;
  }

  it('answers ok with one sok/kjennemerke call', async () => {
    await expect(probeFiks(client())).resolves.toEqual({ ok: true });
    expect(simulator.stats().routes[SOK_ROUTE]).toEqual({ '204': 1 });
  });

  it('spends no lookup quota: a quota of one item is still there after three probes', async () => {
    simulator.setFaults({ quota: { dailyItems: 1 } });
    const c = client();
    for (let i = 0; i < 3; i++) await expect(probeFiks(c)).resolves.toEqual({ ok: true });
    expect(simulator.stats().itemsLookedUp).toBe(0);
    expect(simulator.stats().faults.quota).toBeUndefined();
    // The one item of quota is untouched: a real lookup still gets it.
    const [outcome] = await c.lookupKjennemerke(['CU10942']);
    expect(outcome?.status).toBe('found');
  });

  it('is audited under PROBE_AUDIT_CONTEXT, with the caller’s fields merged over it', async () => {
    const c = client({ requireAuditContext: true });
    await expect(probeFiks(c)).resolves.toEqual({ ok: true });
    await expect(probeFiks(c, { audit: { actor: 'saksbehandler-1', purpose: undefined } })).resolves.toEqual({
      ok: true,
    });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      ...PROBE_AUDIT_CONTEXT,
      operation: 'sok/kjennemerke',
      identifiers: [PROBE_KJENNEMERKE],
    });
    expect(events[1]).toMatchObject({ ...PROBE_AUDIT_CONTEXT, actor: 'saksbehandler-1' });
  });

  it('gives { ok: false, error } with FiksAuthenticationError for a wrong integration password', async () => {
    const result = await probeFiks(client({ integrasjonPassord: 'feil-passord' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(FiksAuthenticationError);
    expect(result.error).toMatchObject({ code: 'KJR_FIKS_AUTHENTICATION', kind: 'integration' });
    expect(result.error.requestId).toEqual(expect.any(String));
  });

  it('rethrows what is not a core error', async () => {
    const bug = new TypeError('not a core error');
    await expect(probeFiks({ sok: () => Promise.reject(bug) })).rejects.toBe(bug);
  });

  it('builds the URL a host sends itself, which the simulator answers like the client’s probe', async () => {
    const url = fiksProbeUrl({
      fiksApiUrl: `${simulator.env['FIKS_API_URL']}/`,
      fiksOrgId: simulator.env['FIKS_ORG_ID'] ?? '',
    });
    expect(url).toBe(
      `${simulator.env['FIKS_API_URL']}/kjoretoyregister/api/${simulator.env['FIKS_ORG_ID']}/rest/distribusjon/kjoretoy/v2.0/sok/${FIKS_PROBE.endpoint}?kjennemerke=XX99999&antall=1`,
    );
    const token = await client().getAccessToken();
    const transport = createFetchTransport({ proxy: false });
    const response = await transport.send({
      method: 'GET',
      url,
      headers: {
        Authorization: `Bearer ${token.value}`,
        IntegrasjonId: simulator.env['FIKS_INTEGRASJON_ID'] ?? '',
        IntegrasjonPassord: simulator.env['FIKS_INTEGRASJON_PASSORD'] ?? '',
      },
      target: 'fiks',
    });
    await transport.close?.();
    expect(response.status).toBe(204);
    expect(simulator.stats().itemsLookedUp).toBe(0);
  });
});

describe('fetchMaskinportenToken against the simulator', () => {
  let simulator: RunningSimulator;
  let transport: Transport;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await simulator.stop();
  });
  beforeEach(() => {
    simulator.reset();
    transport = createFetchTransport({ proxy: false });
  });
  afterEach(async () => {
    await transport.close?.();
  });

  const maskinporten = () => {
    const options = configFromEnv(simulator.env).maskinporten;
    if (!options) throw new Error('the simulator env has no Maskinporten settings');
    return options;
  };

  it('fetches one token with the client’s maskinporten option, as is', async () => {
    const token = await fetchMaskinportenToken({ maskinporten: maskinporten(), transport });
    expect(token.accessToken).toMatch(/^eyJ/);
    expect(token.expiresIn).toBeGreaterThan(0);
    expect(simulator.stats().tokenRequests).toMatchObject({ ok: 1, failed: 0 });
  });

  it('reports an unknown client as the client does: MaskinportenError with MP-100', async () => {
    const error = await fetchMaskinportenToken({
      maskinporten: { ...maskinporten(), clientId: 'ukjent-klient' },
      transport,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaskinportenError);
    expect(error).toMatchObject({ code: 'KJR_MASKINPORTEN', mpCode: 'MP-100', status: 400 });
  });

  it('validates with the client’s schema: the same issues at the same maskinporten.* paths, before any request', async () => {
    const bad = {
      ...maskinporten(),
      clientId: ' ',
      issuer: 'https://test.maskinporten.no',
      tokenUrl: 'http://mp.example.com/token',
      consumerOrg: '12345',
    };
    const error = await fetchMaskinportenToken({ maskinporten: bad, transport }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    const issues = (error as ConfigurationError).issues;
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'maskinporten.clientId',
      'maskinporten.consumerOrg',
      'maskinporten.issuer',
      'maskinporten.tokenUrl',
    ]);
    const fromClient = (() => {
      try {
        createKjoretoyregisterClient({ ...configFromEnv(simulator.env), maskinporten: bad });
      } catch (clientError) {
        return (clientError as ConfigurationError).issues;
      }
      return [];
    })();
    expect([...issues].sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      [...fromClient].sort((a, b) => a.path.localeCompare(b.path)),
    );
    expect(simulator.stats().tokenRequests).toMatchObject({ ok: 0, failed: 0 });
  });

  it('picks the environment preset’s token URL when the option sets none', async () => {
    const rest = { ...maskinporten(), issuer: undefined, tokenUrl: undefined };
    const sent: string[] = [];
    const recording: Transport = {
      send: (request) => {
        sent.push(request.url);
        return Promise.resolve({ status: 503, headers: {}, body: '' });
      },
    };
    await fetchMaskinportenToken({ maskinporten: rest, environment: 'prod', transport: recording }).catch(
      () => undefined,
    );
    expect(sent).toEqual(['https://maskinporten.no/token']);
  });
});
