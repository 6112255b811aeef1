import { startSimulator, type Faults, type RunningSimulator } from '@kjoretoyregister/simulator';
import { createKjoretoyregisterClient, type KjoretoyregisterClient } from '../../src/client.js';
import { configFromEnv } from '../../src/config/from-env.js';
import type { ClientOptions } from '../../src/config/options.js';
import { AuditWriteError, type KjoretoyregisterErrorCode } from '../../src/errors.js';
import type { AuditCompletion, AuditEvent, AuditIntent, AuditSink } from '../../src/observability/audit.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { Transport, TransportRequest, TransportResponse } from '../../src/transport/transport.js';
import { expectCoreError } from '../support/core-errors.js';

// Write-ahead audit (issue 15 item 2) against the simulator over real HTTP: each register request
// is preceded by an intent the sink has acknowledged and followed by a completion with the same
// audit id, whatever the outcome.

const AUDIT = { actor: 'saksbehandler-1', purpose: 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' };
const VIN = 'TESTDIGDIR0000016';

/** Records both phases and the per-operation event; an intent counts as written only once `begin` resolved. */
class PhaseSink implements AuditSink {
  readonly intents: AuditIntent[] = [];
  readonly completions: AuditCompletion[] = [];
  readonly events: AuditEvent[] = [];
  /** Request ids whose intent the sink has finished writing. */
  readonly written = new Set<string>();
  failBegin = false;
  failComplete = false;

  async begin(intent: AuditIntent): Promise<void> {
    // A real store takes time; the request must wait for it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.failBegin) throw new Error(`duplicate key value (identifiers)=(${intent.identifiers.join(',')})`);
    this.intents.push(intent);
    this.written.add(intent.requestId);
  }

  async complete(completion: AuditCompletion): Promise<void> {
    if (this.failComplete) throw new Error('disk full');
    this.completions.push(completion);
  }

  write(event: AuditEvent): void {
    this.events.push(event);
  }

  completionOf(intent: AuditIntent): AuditCompletion | undefined {
    return this.completions.find((c) => c.auditId === intent.auditId);
  }
}

/** Sees every Fiks request as it leaves, and notes whether its intent had been written by then. */
class SendWatcher implements Transport {
  readonly sent: { requestId: string; intentWritten: boolean }[] = [];
  private readonly inner = createFetchTransport();

  constructor(private readonly sink: PhaseSink) {}

  send(request: TransportRequest): Promise<TransportResponse> {
    if (request.target === 'fiks') {
      const requestId = request.headers['requestId'] ?? '';
      this.sent.push({ requestId, intentWritten: this.sink.written.has(requestId) });
    }
    return this.inner.send(request);
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

describe('write-ahead audit against the simulator', () => {
  let simulator: RunningSimulator;
  const clients: KjoretoyregisterClient[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 500 });
  });
  afterAll(async () => {
    await simulator.stop();
  });
  beforeEach(() => simulator.reset());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  function setup(overrides: Partial<ClientOptions> = {}): {
    client: KjoretoyregisterClient;
    sink: PhaseSink;
    watcher: SendWatcher;
    logs: string[];
  } {
    const sink = new PhaseSink();
    const watcher = new SendWatcher(sink);
    const logs: string[] = [];
    const capture = (level: string) => (message: string, fields?: object) =>
      logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    const client = createKjoretoyregisterClient({
      ...configFromEnv(simulator.env),
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      transport: watcher,
      auditSink: sink,
      defaultAuditContext: AUDIT,
      logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
      ...overrides,
    });
    clients.push(client);
    return { client, sink, watcher, logs };
  }

  it('writes the intent before the request leaves and completes it by the same id', async () => {
    const { client, sink, watcher } = setup();
    const result = await client.lookupUnderstellsnummer(VIN, {
      dtg: '2024-03-01T12:00:00+01:00',
      audit: { caseRef: 'SAK-7' },
    });

    expect(watcher.sent).toEqual([{ requestId: result.requestId, intentWritten: true }]);
    expect(sink.intents).toEqual([
      {
        phase: 'intent',
        auditId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        requestId: result.requestId,
        timestamp: expect.any(String),
        ...AUDIT,
        caseRef: 'SAK-7',
        fiksOrgId: simulator.env['FIKS_ORG_ID'],
        operation: 'bulk/understellsnummer',
        identifiers: [VIN],
        dtg: ['2024-03-01T12:00:00.000+01:00'],
      },
    ]);
    const [intent] = sink.intents;
    expect(sink.completions).toEqual([
      {
        phase: 'completed',
        auditId: intent.auditId,
        requestId: result.requestId,
        timestamp: expect.any(String),
        fiksOrgId: simulator.env['FIKS_ORG_ID'],
        operation: 'bulk/understellsnummer',
        outcome: { found: 1, notFound: 0, unavailable: 0, invalid: 0, error: 0 },
        dataCategories: expect.arrayContaining(['technical']),
      },
    ]);
    // The per-operation event is still there, and names the request it made.
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ requestIds: [result.requestId], auditIds: [intent.auditId] });
  });

  it('writes one intent per bulk chunk, each before its own request, and completes each', async () => {
    const { client, sink, watcher } = setup({ maxBulkSize: 2, concurrency: 2 });
    const plates = ['CU10942', 'EC80261', 'ST10001', 'XX99999', 'CU10149'];
    const outcomes = await client.lookupKjennemerke(plates);

    expect(watcher.sent).toHaveLength(3);
    expect(watcher.sent.every((s) => s.intentWritten)).toBe(true);
    expect(sink.intents.map((i) => i.identifiers).sort()).toEqual([
      ['CU10149'],
      ['CU10942', 'EC80261'],
      ['ST10001', 'XX99999'],
    ]);
    expect(new Set(sink.intents.map((i) => i.requestId))).toEqual(new Set(watcher.sent.map((s) => s.requestId)));
    for (const intent of sink.intents) {
      const completion = sink.completionOf(intent);
      expect(completion).toMatchObject({ requestId: intent.requestId, operation: 'bulk/kjennemerke' });
      const sent = outcomes.filter((o) => o.requestId === intent.requestId);
      expect(completion?.outcome.found).toBe(sent.filter((o) => o.status === 'found').length);
      expect(completion?.outcome.notFound).toBe(sent.filter((o) => o.status === 'not_found').length);
    }
    expect(sink.events).toHaveLength(1);
    expect([...sink.events[0].auditIds].sort()).toEqual(sink.intents.map((i) => i.auditId).sort());
  });

  it('writes one intent per search page and keeps the criteria, not the paging', async () => {
    const { client, sink, watcher } = setup({ searchPageSize: 5 });
    const hits = await client.sokAll('kjennemerke', { kjennemerke: 'ST100??' });

    expect(hits.length).toBeGreaterThan(10);
    expect(watcher.sent.length).toBeGreaterThan(2);
    expect(watcher.sent.length).toBe(sink.intents.length);
    expect(watcher.sent.every((s) => s.intentWritten)).toBe(true);
    expect(sink.intents.every((i) => i.operation === 'sok/kjennemerke')).toBe(true);
    expect(sink.intents[0]).toMatchObject({ identifiers: ['ST100??'], query: { kjennemerke: 'ST100??' } });
    // The pages' completions add up to the per-operation event (some hits are withheld: unavailable).
    const sum = (key: 'found' | 'unavailable') => sink.completions.reduce((total, c) => total + c.outcome[key], 0);
    expect(sum('found')).toBe(sink.events[0].outcome.found);
    expect(sum('unavailable')).toBe(sink.events[0].outcome.unavailable);
    expect(sum('found') + sum('unavailable')).toBe(hits.length);
    expect(sink.completions.map((c) => c.auditId)).toEqual(sink.intents.map((i) => i.auditId));
  });

  it('sends nothing when the intent cannot be written, and keeps identifiers out of the error and logs', async () => {
    const { client, sink, watcher, logs } = setup();
    sink.failBegin = true;

    const error = await client.lookupUnderstellsnummer(VIN).catch((e: unknown) => e);
    expectCoreError(error, AuditWriteError, 'KJR_AUDIT_WRITE');
    expect(error).toMatchObject({ sinkErrorName: 'Error' });
    // The sink's error quoted the identifiers; it is not carried along.
    expect((error as Error).cause).toBeUndefined();
    expect((error as Error).message).not.toContain(VIN);

    const outcomes = await client.lookupKjennemerke(['CU10942', 'EC80261']);
    expect(outcomes.map((o) => o.status)).toEqual(['error', 'error']);
    expectCoreError(outcomes[0].error, AuditWriteError, 'KJR_AUDIT_WRITE');

    const search = await client.sok('eiernavn', { navn: 'HELGE KROKEN' }).catch((e: unknown) => e);
    expectCoreError(search, AuditWriteError, 'KJR_AUDIT_WRITE');

    expect(watcher.sent).toEqual([]);
    expect(simulator.stats().requests).toBe(0);
    expect(sink.completions).toEqual([]);
    // The per-operation events still say that the calls failed, and that nothing was sent.
    expect(sink.events.map((e) => [e.errorCode, e.requestIds, e.auditIds])).toEqual([
      ['KJR_AUDIT_WRITE', [], []],
      ['KJR_AUDIT_WRITE', [], []],
      ['KJR_AUDIT_WRITE', [], []],
    ]);
    const text = logs.join('\n');
    expect(text).toContain('intent');
    for (const identifier of [VIN, 'CU10942', 'EC80261', 'HELGE', 'KROKEN']) expect(text).not.toContain(identifier);
  });

  it('does not fail the lookup when the completion cannot be written', async () => {
    const { client, sink, logs } = setup();
    sink.failComplete = true;
    const result = await client.lookupUnderstellsnummer(VIN);
    expect(result.status).toBe('found');
    expect(sink.intents).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/warn Audit sink failed to write the completion/);
    expect(logs.join('\n')).not.toContain(VIN);
  });

  const failures: [string, Faults | Partial<ClientOptions>, KjoretoyregisterErrorCode][] = [
    ['a 500 (UpstreamError)', { serverError: { status: 500 } }, 'KJR_UPSTREAM'],
    ['a spent quota (QuotaExceededError)', { quotaExceeded: true }, 'KJR_QUOTA_EXCEEDED'],
    ['a long 429 (RateLimitError)', { rateLimited: { retryAfterSeconds: 3600 } }, 'KJR_RATE_LIMITED'],
    ['a token rejected every time (FiksAuthenticationError)', { tokenRevoked: true }, 'KJR_FIKS_AUTHENTICATION'],
    ['a body that is never JSON (ResponseFormatError)', { malformedJson: true }, 'KJR_RESPONSE_FORMAT'],
    ['a reset connection (TransportError)', { connectionReset: true }, 'KJR_TRANSPORT'],
    ['a token endpoint that is down (MaskinportenError)', { tokenEndpointDown: true }, 'KJR_MASKINPORTEN'],
  ];

  it.each(failures)('completes the intent after %s', async (_name, faults, code) => {
    const { client, sink } = setup();
    simulator.setFaults(faults as Faults);
    const error = await client.lookupUnderstellsnummer(VIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect(sink.intents).toHaveLength(1);
    expect(sink.completions).toEqual([
      expect.objectContaining({
        auditId: sink.intents[0].auditId,
        requestId: sink.intents[0].requestId,
        outcome: { found: 0, notFound: 0, unavailable: 0, invalid: 0, error: 1 },
        errorCode: code,
      }),
    ]);
  });

  it.each([
    ['a wrong integration password', { integrasjonPassord: 'feil-passord' }, 'KJR_FIKS_AUTHENTICATION'],
    ['a fiksOrgId without access', { fiksOrgId: '00000000-0000-4000-8000-000000000000' }, 'KJR_FORBIDDEN'],
    ['an open circuit', { circuitBreaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } }, 'KJR_CIRCUIT_OPEN'],
  ] as const)('completes the intent after %s', async (name, overrides, code) => {
    const { client, sink } = setup(overrides);
    if (name === 'an open circuit') {
      simulator.setFaults({ serverError: { status: 503 } });
      await client.lookupUnderstellsnummer(VIN).catch(() => undefined);
    }
    const error = await client.lookupUnderstellsnummer(VIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    const intent = sink.intents.at(-1);
    expect(intent).toBeDefined();
    expect(sink.completionOf(intent as AuditIntent)).toMatchObject({ errorCode: code, outcome: { error: 1 } });
    expect(sink.completions).toHaveLength(sink.intents.length);
  });

  it('completes the intent when the caller aborts while the body is arriving', async () => {
    const { client, sink, watcher } = setup();
    simulator.setFaults({ slowBody: { chunkDelayMs: 200, chunks: 4 } });
    const controller = new AbortController();
    const pending = client.lookupUnderstellsnummer(VIN, { signal: controller.signal }).catch((e: unknown) => e);
    // Abort once the request is on the wire.
    while (watcher.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'aborted' });
    expect(sink.completions).toEqual([
      expect.objectContaining({
        auditId: sink.intents[0].auditId,
        errorCode: 'KJR_TRANSPORT',
        outcome: expect.objectContaining({ error: 1 }),
      }),
    ]);
  });

  it('writes no intent for a bulk chunk the caller aborted before it was sent', async () => {
    const { client, sink, watcher } = setup();
    const controller = new AbortController();
    controller.abort();
    const outcomes = await client.lookupKjennemerke(['CU10942'], { signal: controller.signal });
    expect(outcomes[0].status).toBe('error');
    expect(watcher.sent).toEqual([]);
    expect(sink.intents).toEqual([]);
    expect(sink.events[0].auditIds).toEqual([]);
  });

  it('keeps a sink without begin/complete working as before', async () => {
    const events: AuditEvent[] = [];
    const client = createKjoretoyregisterClient({
      ...configFromEnv(simulator.env),
      auditSink: { write: (event) => void events.push(event) },
    });
    clients.push(client);
    const result = await client.lookupUnderstellsnummer(VIN);
    expect(events).toEqual([
      expect.objectContaining({ requestIds: [result.requestId], auditIds: [expect.any(String)] }),
    ]);
  });
});
