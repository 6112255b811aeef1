import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AxiosCallRecorder } from '../support/axios-recorder.js';
import { call } from '../support/http-client.js';
import { routeCount, startTestSimulator, type RunningSimulator } from '../support/simulator.js';
import { ForRootAsyncAppModule, ForRootAsyncUseClassAppModule, RegisteredHttpRecorderModule } from './app.module.js';

describe('KjoretoyregisterModule.forRootAsync against the simulator', () => {
  let sim: RunningSimulator;
  let app: INestApplication;
  const booted: INestApplication[] = [];

  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  afterEach(async () => {
    // Only apps this test booted: closing one twice is not what these tests are about.
    await Promise.all(booted.splice(0).map((running) => running.close()));
    sim.reset();
  });

  async function boot(module: Parameters<typeof Test.createTestingModule>[0]['imports']): Promise<string> {
    const moduleRef = await Test.createTestingModule({ imports: module }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    booted.push(app);
    await app.listen(0, '127.0.0.1');
    return app.getUrl();
  }

  it('reads the configuration through ConfigService (fromEnv) and looks up a plate', async () => {
    const url = await boot([ForRootAsyncAppModule.with(sim.env)]);

    const answer = await call(url, '/kjoretoy/CU10942');

    expect(answer).toMatchObject({ status: 200, body: { status: 'found' } });
    expect(routeCount(sim, 'POST /token')).toBe(1);
  });

  it('uses the HttpModule.register() instance passed in imports, so its interceptors see every call', async () => {
    const url = await boot([ForRootAsyncAppModule.with(sim.env)]);

    await call(url, '/kjoretoy/CU10942');
    await call(url, '/kjoretoy/EC80261');

    const recorder = app.select(RegisteredHttpRecorderModule).get(AxiosCallRecorder);
    expect(recorder.paths()).toEqual([
      'POST /token',
      `POST /kjoretoyregister/api/${sim.demo.fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke`,
      `POST /kjoretoyregister/api/${sim.demo.fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke`,
    ]);
    expect(recorder.calls).toHaveLength(sim.stats().requests);
  });

  it('supports useClass with isGlobal: a feature module injects the service without importing the module', async () => {
    const url = await boot([ForRootAsyncUseClassAppModule.with(sim.env)]);

    const answer = await call(url, '/kjoretoy/EC80261');

    expect(answer).toMatchObject({ status: 200, body: { status: 'found' } });
    expect(routeCount(sim, '/bulk/kjennemerke')).toBe(1);
  });

  it('fails the app start naming every missing variable when the configuration is incomplete', async () => {
    const incomplete = { ...sim.env };
    delete incomplete['FIKS_ORG_ID'];
    delete incomplete['MASKINPORTEN_CLIENT_ID'];

    await expect(
      Test.createTestingModule({ imports: [ForRootAsyncAppModule.with(incomplete)] }).compile(),
    ).rejects.toMatchObject({
      code: 'KJR_CONFIGURATION',
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'FIKS_ORG_ID' }),
        expect.objectContaining({ path: 'MASKINPORTEN_CLIENT_ID' }),
      ]),
    });
  });
});
