import { randomUUID } from 'node:crypto';
import { issueCertificate, opensslDate } from './support/certificates.js';
import { runCli, type CliResult } from './support/run-cli.js';
import { useTestSimulator } from './support/simulator.js';

const STEPS = [
  'Variables present and valid',
  'Key material readable',
  'Key matches certificate',
  'Certificate validity dates',
  'Organisation number in certificate',
  'Certificate matches environment',
  'Token request',
  'Token consumer organisation',
  'Fiks call',
];

const fixture = useTestSimulator();

interface Doctor extends CliResult {
  /** Step name prefix → its line. */
  line(step: string): string;
}

async function doctor(env: Record<string, string | undefined> = {}, args: string[] = []): Promise<Doctor> {
  const result = await runCli(['doctor', ...args], { env: { ...fixture.sim.env, ...env }, cwd: fixture.dir });
  const lines = result.stdout.trimEnd().split('\n');
  return {
    ...result,
    line: (step) => lines.find((l) => l.slice(2).startsWith(step)) ?? `(no line for ${step})`,
  };
}

/** Only `failing` fails; steps before it pass. */
function expectFailureAt(result: Doctor, failing: string): void {
  expect(result.code).toBe(1);
  const index = STEPS.indexOf(failing);
  for (const step of STEPS.slice(0, index)) expect(result.line(step)).toMatch(/^✔ /);
  expect(result.line(failing)).toMatch(/^✘ /);
}

describe('kjoretoy doctor', () => {
  it('passes every step against the simulator and exits 0', async () => {
    const result = await doctor();
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(STEPS.length);
    for (const step of STEPS) expect(result.line(step)).toMatch(/^✔ /);
    expect(result.line('Organisation number')).toContain(fixture.sim.demo.orgnr);
    expect(result.code).toBe(0);
  });

  it('names every missing variable and skips the rest', async () => {
    const result = await doctor({ FIKS_ORG_ID: undefined, FIKS_INTEGRASJON_ID: undefined });
    expectFailureAt(result, 'Variables present and valid');
    expect(result.line('Variables')).toContain('FIKS_ORG_ID');
    expect(result.line('Variables')).toContain('FIKS_INTEGRASJON_ID');
    expect(result.line('Token request')).toMatch(/^– .*skipped/);
  });

  it('fails a TEST Fiks host with KJORETOY_ENV=prod', async () => {
    const result = await doctor({ KJORETOY_ENV: 'prod', FIKS_API_URL: 'https://api.fiks.test.ks.no' });
    expectFailureAt(result, 'Variables present and valid');
    // Core's configFromEnv refuses the mix, naming both variables (issue 15 item 7).
    expect(result.line('Variables')).toContain("FIKS_API_URL is a TEST endpoint but KJORETOY_ENV is 'prod'");
    expect(result.line('Variables')).toContain('unset FIKS_API_URL and let KJORETOY_ENV choose');
  });

  it('reports an unreadable key file', async () => {
    const result = await doctor({ MASKINPORTEN_P12: `${fixture.dir}/missing.p12` });
    expectFailureAt(result, 'Key material readable');
    expect(result.line('Key material readable')).toContain('MASKINPORTEN_P12');
  });

  it('reports a wrong p12 password without printing it', async () => {
    const result = await doctor({ MASKINPORTEN_P12_PASSWORD: 'feil-p12-passord' });
    expectFailureAt(result, 'Key material readable');
    expect(result.line('Key material readable')).toMatch(/MASKINPORTEN_P12_PASSWORD: wrong password/);
    expect(result.stdout + result.stderr).not.toContain('feil-p12-passord');
  });

  it('reports a private key that does not belong to the certificate', async () => {
    const result = await doctor({
      MASKINPORTEN_P12: undefined,
      MASKINPORTEN_P12_PASSWORD: undefined,
      MASKINPORTEN_CERT: fixture.sim.credentials.client.certPath,
      MASKINPORTEN_KEY: fixture.sim.credentials.registeredKey.privateKeyPath,
    });
    expectFailureAt(result, 'Key matches certificate');
  });

  it('reports an expired certificate', async () => {
    const expired = issueCertificate(fixture.dir, 'expired', {
      subject: `/O=Demo Kommune/CN=Demo Kommune/serialNumber=${fixture.sim.demo.orgnr}`,
      startDate: opensslDate(new Date(Date.now() - 400 * 86_400_000)),
      endDate: opensslDate(new Date(Date.now() - 30 * 86_400_000)),
      ca: fixture.sim.credentials.ca,
    });
    const result = await doctor({
      MASKINPORTEN_P12: undefined,
      MASKINPORTEN_P12_PASSWORD: undefined,
      MASKINPORTEN_CERT: expired.certPath,
      MASKINPORTEN_KEY: expired.keyPath,
    });
    expectFailureAt(result, 'Certificate validity dates');
    expect(result.line('Certificate validity dates')).toMatch(/expired.*renew/);
  });

  it('reports a certificate without an organisation number', async () => {
    const noOrg = issueCertificate(fixture.dir, 'no-org', {
      subject: '/CN=Ikke et virksomhetssertifikat',
      startDate: opensslDate(new Date(Date.now() - 86_400_000)),
      endDate: opensslDate(new Date(Date.now() + 30 * 86_400_000)),
      ca: fixture.sim.credentials.ca,
    });
    const result = await doctor({
      MASKINPORTEN_P12: undefined,
      MASKINPORTEN_P12_PASSWORD: undefined,
      MASKINPORTEN_CERT: noOrg.certPath,
      MASKINPORTEN_KEY: noOrg.keyPath,
    });
    expectFailureAt(result, 'Organisation number in certificate');
    expect(result.line('Token request')).toMatch(/^✘ /);
  });

  it('reports a TEST certificate used with KJORETOY_ENV=prod', async () => {
    const result = await doctor({ KJORETOY_ENV: 'prod' }, [
      '--actor',
      'doctor-test',
      '--purpose',
      'DIAGNOSE',
      '--legal-basis',
      'test',
    ]);
    expectFailureAt(result, 'Certificate matches environment');
    expect(result.line('Certificate matches environment')).toContain('TEST certificate with KJORETOY_ENV=prod');
  });

  it('explains MP-120 for a certificate from a CA this Maskinporten does not trust', async () => {
    const result = await doctor({
      MASKINPORTEN_P12: undefined,
      MASKINPORTEN_P12_PASSWORD: undefined,
      MASKINPORTEN_CERT: fixture.sim.credentials.untrusted.certPath,
      MASKINPORTEN_KEY: fixture.sim.credentials.client.keyPath,
    });
    expectFailureAt(result, 'Token request');
    expect(result.line('Token request')).toMatch(/MP-120.*certificate issued for KJORETOY_ENV/);
  });

  it('explains MP-100 for an unknown client', async () => {
    const result = await doctor({ MASKINPORTEN_CLIENT_ID: 'ukjent-klient' });
    expectFailureAt(result, 'Token request');
    expect(result.line('Token request')).toMatch(/MP-100.*MASKINPORTEN_CLIENT_ID/);
  });

  it("explains MP-122 for another organisation's certificate", async () => {
    const result = await doctor({ MASKINPORTEN_P12: fixture.sim.credentials.supplier.p12Path });
    expect(result.line('Token request')).toMatch(/^✘ .*MP-122/);
    expect(result.code).toBe(1);
  });

  it('explains MP-200 for a scope the client does not have', async () => {
    const result = await doctor({ MASKINPORTEN_SCOPE: 'ks:annet' });
    expectFailureAt(result, 'Token request');
    expect(result.line('Token request')).toMatch(/MP-200/);
  });

  it('explains MP-130 when the clocks disagree', async () => {
    fixture.sim.setFaults({ clockSkewSeconds: 600 });
    const result = await doctor();
    expectFailureAt(result, 'Token request');
    expect(result.line('Token request')).toMatch(/MP-130.*NTP/);
  });

  it('reports Maskinporten being down', async () => {
    fixture.sim.setFaults({ tokenEndpointDown: true });
    const result = await doctor();
    expectFailureAt(result, 'Token request');
    expect(result.line('Token request')).toContain('try again later');
  });

  it("reports a consumer organisation other than the integration's", async () => {
    const result = await doctor({}, ['--expected-org', fixture.sim.demo.supplierOrgnr]);
    expectFailureAt(result, 'Token consumer organisation');
    expect(result.line('Token consumer organisation')).toContain(
      `consumer is ${fixture.sim.demo.orgnr} but ${fixture.sim.demo.supplierOrgnr}`,
    );
  });

  it('maps a revoked token (401 «Klarte ikke å validere access_token») to its diagnosis', async () => {
    fixture.sim.setFaults({ tokenRevoked: true });
    const result = await doctor();
    expectFailureAt(result, 'Fiks call');
    expect(result.line('Fiks call')).toContain('Klarte ikke å validere access_token');
  });

  it('maps a wrong integration password (401 «Autentisering feilet») to its diagnosis, without printing it', async () => {
    const result = await doctor({ FIKS_INTEGRASJON_PASSORD: 'feil-integrasjonspassord' });
    expectFailureAt(result, 'Fiks call');
    expect(result.line('Fiks call')).toMatch(/Autentisering feilet.*FIKS_INTEGRASJON_PASSORD.*autorisert organisasjon/);
    expect(result.stdout + result.stderr).not.toContain('feil-integrasjonspassord');
  });

  it('maps 403 to the missing access or activation in Fiks Konfigurasjon', async () => {
    const result = await doctor({ FIKS_ORG_ID: randomUUID() });
    expectFailureAt(result, 'Fiks call');
    expect(result.line('Fiks call')).toMatch(/KJR_FORBIDDEN.*Fiks Konfigurasjon/);
  });

  it('prints the report as JSON with --format json', async () => {
    const result = await runCli(['doctor', '--format', 'json'], { env: fixture.sim.env, cwd: fixture.dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Array<{ step: string; status: string }>;
    expect(report.map((r) => r.status)).toEqual(STEPS.map(() => 'ok'));
  });
});
