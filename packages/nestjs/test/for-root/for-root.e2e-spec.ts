import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KJORETOYREGISTER_CLIENT } from '../../src/index.js';
import type { KjoretoyregisterClient } from '@kjoretoyregister/core';
import { AxiosCallRecorder } from '../support/axios-recorder.js';
import { call } from '../support/http-client.js';
import { routeCount, simulatorOptions, startTestSimulator, type RunningSimulator } from '../support/simulator.js';
import { ForRootAppModule } from './app.module.js';

const TOKEN = 'POST /token';
const BULK = 'POST /kjoretoyregister/api/';
const ANY_FIKS = '/kjoretoyregister/api/';

/** Collects what the app logs, as `app.useLogger` would send it to pino or the console. */
class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown, context?: unknown): void {
    this.lines.push(`${String(context)}: ${String(message)}`);
  }
  error(message: unknown, context?: unknown): void {
    this.log(message, context);
  }
  warn(message: unknown, context?: unknown): void {
    this.log(message, context);
  }
  debug(message: unknown, context?: unknown): void {
    this.log(message, context);
  }
}

describe('KjoretoyregisterModule.forRoot against the simulator', () => {
  let sim: RunningSimulator;
  let app: INestApplication;
  const booted: INestApplication[] = [];
  let url: string;
  let logger: RecordingLogger;

  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  async function boot(...args: Parameters<typeof ForRootAppModule.with>): Promise<void> {
    const moduleRef = await Test.createTestingModule({ imports: [ForRootAppModule.with(...args)] }).compile();
    app = moduleRef.createNestApplication();
    booted.push(app);
    logger = new RecordingLogger();
    app.useLogger(logger);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  }

  afterEach(async () => {
    // Only apps this test booted: closing one twice is not what these tests are about.
    await Promise.all(booted.splice(0).map((running) => running.close()));
    sim.reset();
  });

  it('looks up a plate through a real Nest app, with one token shared by later calls', async () => {
    await boot(simulatorOptions(sim));

    const first = await call(url, '/kjoretoy/kjennemerke/CU10942');
    const second = await call(url, '/kjoretoy/kjennemerke/xx99999');

    expect(first).toMatchObject({ status: 200, body: { status: 'found', understellsnummer: 'TESTDIGDIR0000016' } });
    expect(second).toMatchObject({ status: 200, body: { status: 'not_found' } });
    expect(routeCount(sim, TOKEN)).toBe(1);
    expect(routeCount(sim, BULK)).toBe(2);
  });

  it("sends every Maskinporten and Fiks call through the app's axios interceptors by default", async () => {
    await boot(simulatorOptions(sim));

    await call(url, '/kjoretoy/kjennemerke/CU10942');
    await call(url, '/kjoretoy/understellsnummer/TESTDIGDIR0000015');

    const recorder = app.get(AxiosCallRecorder);
    expect(recorder.paths()).toEqual([
      'POST /token',
      `POST /kjoretoyregister/api/${sim.demo.fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke`,
      `GET /kjoretoyregister/api/${sim.demo.fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/TESTDIGDIR0000015`,
    ]);
    // Nothing reached the simulator behind the interceptor's back.
    expect(recorder.calls).toHaveLength(sim.stats().requests);
  });

  it("uses core's own fetch transport when transportAdapter is 'fetch'", async () => {
    await boot(simulatorOptions(sim), 'fetch');

    const answer = await call(url, '/kjoretoy/kjennemerke/CU10942');

    expect(answer).toMatchObject({ status: 200, body: { status: 'found' } });
    expect(app.get(AxiosCallRecorder).calls).toEqual([]);
    expect(routeCount(sim, BULK)).toBe(1);
  });

  it('exposes the core client under KJORETOYREGISTER_CLIENT', async () => {
    await boot(simulatorOptions(sim));

    const client = app.get<KjoretoyregisterClient>(KJORETOYREGISTER_CLIENT);

    expect(client.config).toMatchObject({ environment: 'test', fiksOrgId: sim.demo.fiksOrgId });
    await client.getAccessToken();
    expect(routeCount(sim, TOKEN)).toBe(1);
  });

  it('writes audit events to the Nest logger by default, without the plate', async () => {
    await boot(simulatorOptions(sim));

    await call(url, '/kjoretoy/kjennemerke/CU10942');

    const audit = logger.lines.filter((line) => line.startsWith('KjoretoyregisterAudit:'));
    // The write-ahead intent, its completion, then the lookup's own line.
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatch(/request intent auditId="[0-9a-f-]{36}".*operation="bulk\/kjennemerke" identifiers=1/);
    expect(audit[1]).toMatch(/request completed auditId="[0-9a-f-]{36}".*found=1/);
    expect(audit[2]).toContain('operation="bulk/kjennemerke"');
    expect(audit[2]).toContain('found=1');
    expect(logger.lines.join('\n')).not.toMatch(/CU ?10942/);
  });

  describe('with the exception filter', () => {
    it('answers an invalid VIN with 400 and the issue path, without calling Fiks', async () => {
      await boot(simulatorOptions(sim));

      const answer = await call(url, '/kjoretoy/understellsnummer/not-a-vin!');

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        statusCode: 400,
        code: 'KJR_VALIDATION',
        issues: [{ path: 'understellsnummer' }],
      });
      expect(routeCount(sim, ANY_FIKS)).toBe(0);
    });

    it('answers a spent quota with 503 and Retry-After', async () => {
      await boot(simulatorOptions(sim));
      sim.setFaults({ quotaExceeded: true });

      const answer = await call(url, '/kjoretoy/understellsnummer/TESTDIGDIR0000016');

      expect(answer.status).toBe(503);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(answer.body).toMatchObject({ code: 'KJR_QUOTA_EXCEEDED' });
      // A quota error is never retried (docs/contract.md#s7e).
      expect(routeCount(sim, ANY_FIKS)).toBe(1);
    });
  });

  it('fails the app start with ConfigurationError naming the bad option', async () => {
    const bad = { ...simulatorOptions(sim), fiksOrgId: 'not-a-uuid' };
    await expect(Test.createTestingModule({ imports: [ForRootAppModule.with(bad)] }).compile()).rejects.toMatchObject({
      code: 'KJR_CONFIGURATION',
      issues: [expect.objectContaining({ path: 'fiksOrgId' })],
    });
  });
});
