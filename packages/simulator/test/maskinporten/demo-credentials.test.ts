import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { startSimulator, type RunningSimulator } from '../../src/index.js';
import { postToken, signCompact, toResult } from './grant-signing.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());

/** Reads a p12 the way a client library would: the key, and the certificate whose key matches it. */
function readP12(path: string, password: string): { keyPem: string; certPem: string; bagCount: number } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(readFileSync(path).toString('binary')), password);
  const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const keyPem = forge.pki.privateKeyToPem(keyBag?.key as forge.pki.PrivateKey);
  const publicPem = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'pem' });
  const leaf = certBags.find(
    (bag) =>
      bag.cert &&
      createPublicKey(forge.pki.publicKeyToPem(bag.cert.publicKey)).export({ type: 'spki', format: 'pem' }) ===
        publicPem,
  );
  return {
    keyPem,
    certPem: forge.pki.certificateToPem(leaf?.cert as forge.pki.Certificate),
    bagCount: certBags.length,
  };
}

describe('demo credentials', () => {
  it('exposes exactly the environment core’s configFromEnv reads, p12 variant', () => {
    expect(sim.env).toEqual({
      KJORETOY_ENV: 'test',
      FIKS_API_URL: sim.url,
      FIKS_ORG_ID: sim.demo.fiksOrgId,
      FIKS_INTEGRASJON_ID: sim.demo.integrasjonId,
      FIKS_INTEGRASJON_PASSORD: sim.demo.integrasjonPassord,
      MASKINPORTEN_CLIENT_ID: 'demo-kommune-client',
      MASKINPORTEN_SCOPE: 'ks:fiks',
      MASKINPORTEN_ISSUER: `${sim.url}/`,
      MASKINPORTEN_TOKEN_URL: `${sim.url}/token`,
      MASKINPORTEN_P12: sim.credentials.client.p12Path,
      MASKINPORTEN_P12_PASSWORD: sim.credentials.client.p12Password,
    });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('issues a virksomhetssertifikat with the org number in serialNumber and organizationIdentifier, from the test CA', () => {
    const leaf = new X509Certificate(sim.credentials.client.certPem);
    const ca = new X509Certificate(sim.credentials.ca.certPem);
    expect(leaf.subject).toContain(`serialNumber=${sim.demo.orgnr}`);
    expect(leaf.subject).toContain(`organizationIdentifier=NTRNO-${sim.demo.orgnr}`);
    expect(leaf.checkIssued(ca) && leaf.verify(ca.publicKey)).toBe(true);
    expect(sim.credentials.client.x5c).toEqual([leaf.raw.toString('base64')]);
    expect(sim.credentials.client.keyPem).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('writes PEM, p12 and JWK files, with private material readable by the owner only', () => {
    const { client, registeredKey, ca } = sim.credentials;
    for (const path of [
      client.certPath,
      client.keyPath,
      client.p12Path,
      registeredKey.privateKeyPath,
      registeredKey.jwkPath,
      ca.certPath,
    ]) {
      expect(existsSync(path)).toBe(true);
    }
    for (const path of [
      client.keyPath,
      client.p12Path,
      registeredKey.privateKeyPath,
      registeredKey.jwkPath,
      ca.keyPath,
    ]) {
      expect(statSync(path).mode & 0o077).toBe(0);
    }
    expect(readFileSync(client.p12Path).toString('base64')).toBe(client.p12Base64);
    expect(JSON.parse(readFileSync(registeredKey.jwkPath, 'utf8'))).toEqual(registeredKey.privateJwk);
  });

  it('writes a p12 (3DES, SHA-1 MAC) holding the key, the leaf and the CA', () => {
    const { keyPem, certPem, bagCount } = readP12(sim.credentials.client.p12Path, sim.credentials.client.p12Password);
    expect(bagCount).toBe(2);
    expect(certPem.replace(/\r/g, '')).toBe(sim.credentials.client.certPem.replace(/\r/g, ''));
    expect(createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'pem' })).toBe(sim.credentials.client.keyPem);
  });

  it('lets a client connect from the environment alone: p12 → grant → token → Fiks call', async () => {
    const env = sim.env;
    const { keyPem, certPem } = readP12(env['MASKINPORTEN_P12'] as string, env['MASKINPORTEN_P12_PASSWORD'] as string);
    const now = Math.floor(Date.now() / 1000);
    const grant = await signCompact(
      { alg: 'RS256', x5c: [new X509Certificate(certPem).raw.toString('base64')] },
      {
        aud: env['MASKINPORTEN_ISSUER'],
        iss: env['MASKINPORTEN_CLIENT_ID'],
        scope: env['MASKINPORTEN_SCOPE'],
        iat: now,
        exp: now + 120,
        jti: `${now}-env`,
      },
      createPrivateKey(keyPem),
    );
    const tokenResponse = await fetch(env['MASKINPORTEN_TOKEN_URL'] as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: grant }),
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    const call = await fetch(
      `${env['FIKS_API_URL']}/kjoretoyregister/api/${env['FIKS_ORG_ID']}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${access_token}`,
          integrasjonid: env['FIKS_INTEGRASJON_ID'] as string,
          integrasjonpassord: env['FIKS_INTEGRASJON_PASSORD'] as string,
          'content-type': 'application/json',
        },
        body: JSON.stringify([{ kjennemerke: 'CU10001' }]),
      },
    );
    expect((await toResult(call)).status).toBe(200);
  });

  it('lets a client use the registered key from its JWK file (kid mode)', async () => {
    const jwk = JSON.parse(readFileSync(sim.credentials.registeredKey.jwkPath, 'utf8')) as { kid: string };
    const now = Math.floor(Date.now() / 1000);
    const grant = await signCompact(
      { alg: 'RS256', kid: jwk.kid },
      { aud: sim.issuer, iss: sim.demo.clientId, scope: 'ks:fiks', iat: now, exp: now + 60, jti: `${now}-jwk` },
      createPrivateKey({ key: jwk as never, format: 'jwk' }),
    );
    expect((await postToken(sim, grant)).status).toBe(200);
  });
});

describe('credentials directory lifecycle', () => {
  it('removes its own temp directory on stop()', async () => {
    const own = await startSimulator();
    const dir = own.credentials.dir;
    expect(existsSync(dir)).toBe(true);
    await own.stop();
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps a directory the caller chose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-creds-test-'));
    try {
      const own = await startSimulator({ credentialsDir: join(dir, 'nested') });
      await own.stop();
      expect(existsSync(join(dir, 'nested', 'demo-kommune.p12'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
