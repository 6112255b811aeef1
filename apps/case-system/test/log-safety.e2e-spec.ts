import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { observasjon, postSigned } from './support/webhooks.js';

// Capture every log line of a full run and fail on secrets and personal data.
describe('log safety', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  const secrets: string[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, { captureLogs: true });
    const apiKey = await system.createUser('admin', 'logg.admin');
    secrets.push(apiKey, apiKey.split('_').slice(2).join('_'), system.secret, system.secret.slice('whsec_'.length));
    secrets.push(
      simulator.env['FIKS_INTEGRASJON_PASSORD'] as string,
      simulator.env['MASKINPORTEN_P12_PASSWORD'] as string,
    );

    simulator.setFaults({ serverError: { status: 503, times: 1 } });
    const ids: string[] = [];
    for (const input of [
      { kjennemerke: 'ST10001', observertTidspunkt: '2024-03-01T10:00:00+01:00' },
      { kjennemerke: 'ST10001', observertTidspunkt: '2024-04-01T10:00:00+02:00' },
      { kjennemerke: 'ST10002', observertTidspunkt: '2024-03-01T10:00:00+01:00' },
      {
        kjennemerke: 'XX99999',
        understellsnummer: 'WVGZZZE2ZMPS00001',
        observertTidspunkt: '2024-03-01T10:00:00+01:00',
      },
    ]) {
      const response = await postSigned(system.url, system.secret, {
        ...observasjon(input),
        meldtAv: 'Nora Innbygger',
      });
      ids.push(((await response.json()) as { id: string }).id);
    }
    await postSigned(system.url, system.secret, observasjon({ kjennemerke: 'ST10001' }), { signature: 'v1,AAAA' });
    for (const id of ids) await system.waitForSak(id, apiKey);

    const auth = { authorization: `Bearer ${apiKey}` };
    await fetch(`${system.url}/api/innsyn?kjennemerke=ST10001`, { headers: auth });
    await fetch(`${system.url}/api/saker/${ids[0]}`, { headers: { ...auth, 'x-request-id': 'test-request-1' } });
    await fetch(`${system.url}/api/saker`, { headers: { authorization: `Bearer ${apiKey.slice(0, -2)}xx` } });
    const login = await fetch(`${system.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ apiKey }).toString(),
      redirect: 'manual',
    });
    const session = /cs_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] as string;
    secrets.push(session);
    await fetch(`${system.url}/saker/${ids[0]}`, { headers: { cookie: `cs_session=${session}` } });
    await system.stop(); // flush: every line of the run is in `logs` now
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  it('captured a real run: requests, lookups, retries and the web page', () => {
    const text = system.logs.join('\n');
    expect(text).toContain('"msg":"Lookup completed"');
    expect(text).toContain('"msg":"Lookup failed; will retry"');
    expect(text).toContain('"path":"/api/innsyn"');
    expect(text).toContain('"id":"test-request-1"');
    expect(text).toContain('"statusCode":401');
  });

  it('holds no API key, session, webhook secret, password or access token', () => {
    const text = system.logs.join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    expect(text).not.toMatch(/authorization|cookie|webhook-signature/i);
  });

  it('holds no fødselsnummer, owner name, plate, VIN or reporter', () => {
    const text = system.logs.join('\n');
    for (const fnr of ['14856890024', '02919090181', '27827590008']) expect(text).not.toContain(fnr);
    for (const name of ['SIGRID', 'TESTRUD', 'MAGNUS', 'PRØVESEN', 'ASTRID', 'SKJERMVIK', 'Nora Innbygger'])
      expect(text).not.toContain(name);
    expect(text).not.toMatch(/ST ?10001|ST ?10002|WVGZZZE2ZMPS00001/);
  });
});
