import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, UpstreamError } from '../src/errors.js';
import {
  createKjoretoyregisterClient,
  fetchMaskinportenToken,
  loadKeyMaterial,
  type Sleep,
  type Transport,
  type TransportRequest,
} from '../src/host.js';
import * as nodeEntry from '../src/index.js';
import * as hostEntry from '../src/host.js';
import { CountingTokenProvider } from './support/counting-token-provider.js';
import { createTestPki, makeTempDir, removeTempDir } from './support/pki.js';
import { expectCoreError } from './support/core-errors.js';

const FIKS = {
  fiksApiUrl: 'https://fiks.example.test',
  fiksOrgId: '6f1c6b0e-4a55-4a5e-9d38-0c5f0f2f7a11',
  integrasjonId: 'b3a0f0de-2c1f-4b8e-9a7e-5d3c2b1a0f99',
  integrasjonPassord: 'x',
};
const VIN = 'TESTDIGDIR0000016';

/** Answers with the given statuses in turn (the last one repeats) and records what was sent. */
function scriptedTransport(...statuses: number[]): Transport & { sent: TransportRequest[] } {
  const sent: TransportRequest[] = [];
  return {
    sent,
    async send(request) {
      sent.push(request);
      const status = statuses[Math.min(sent.length - 1, statuses.length - 1)] ?? 500;
      return { status, headers: {}, body: status === 200 ? '[]' : '' };
    },
  };
}

function recordingSleep(): Sleep & { waits: number[] } {
  const waits: number[] = [];
  return Object.assign(
    async (ms: number) => {
      waits.push(ms);
    },
    { waits },
  );
}

describe('@kjoretoyregister/core/host', () => {
  it('exports everything the Node entry does, except the Node-only extras', () => {
    const nodeOnly = [
      'configFromEnv',
      'ENV_VARS',
      'OPTION_TO_ENV',
      'ENV_FIELD_NAMES',
      'createFetchTransport',
      'createConsoleLogger',
    ];
    expect(Object.keys(hostEntry).sort()).toEqual(
      Object.keys(nodeEntry)
        .filter((name) => !nodeOnly.includes(name))
        .sort(),
    );
    for (const name of nodeOnly) expect(hostEntry).not.toHaveProperty(name);
  });

  it('requires transport and sleep, naming both', () => {
    const error = (() => {
      try {
        // A JavaScript caller can leave out what the types require.
        return createKjoretoyregisterClient({ ...FIKS, tokenProvider: new CountingTokenProvider() } as never);
      } catch (thrown) {
        return thrown;
      }
    })();
    expectCoreError(error, ConfigurationError, 'KJR_CONFIGURATION');
    expect((error as ConfigurationError).issues.map((issue) => issue.path)).toEqual(['transport', 'sleep']);
  });

  it('retries through the injected transport and waits only through the injected sleep', async () => {
    const transport = scriptedTransport(503, 502, 200);
    const sleep = recordingSleep();
    const client = createKjoretoyregisterClient({
      ...FIKS,
      transport,
      sleep,
      tokenProvider: new CountingTokenProvider(),
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 10_000,
    });
    await expect(client.lookupUnderstellsnummer(VIN)).resolves.toMatchObject({ kjoretoy: [] });
    expect(transport.sent).toHaveLength(3);
    expect(sleep.waits).toHaveLength(2);
    expect(sleep.waits[0]).toBeGreaterThanOrEqual(50);
    expect(sleep.waits[0]).toBeLessThanOrEqual(100);
    expect(sleep.waits[1]).toBeGreaterThanOrEqual(100);
    expect(sleep.waits[1]).toBeLessThanOrEqual(200);
    await client.close();
  });

  it("opens the circuit breaker on the injected clock's time", async () => {
    const clock = { time: 5_000, now: () => clock.time };
    const transport = scriptedTransport(503);
    const client = createKjoretoyregisterClient({
      ...FIKS,
      transport,
      sleep: recordingSleep(),
      clock,
      tokenProvider: new CountingTokenProvider(),
      maxAttempts: 1,
      circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    const vin = () => client.lookupUnderstellsnummer(VIN).catch((e: unknown) => e);
    expect(await vin()).toBeInstanceOf(UpstreamError);
    expect(await vin()).toBeInstanceOf(UpstreamError);
    expect(await vin()).toMatchObject({ code: 'KJR_CIRCUIT_OPEN' });
    expect(transport.sent).toHaveLength(2);
    clock.time += 60_000;
    expect(await vin()).toBeInstanceOf(UpstreamError);
    expect(transport.sent).toHaveLength(3);
  });

  describe('key material is inline only', () => {
    let dir: string;
    let keyFile: string;
    const pki = createTestPki({ orgnr: '310000001' });
    beforeAll(async () => {
      dir = await makeTempDir();
      keyFile = join(dir, 'key.pem');
      writeFileSync(keyFile, pki.privateKeyPem);
    });
    afterAll(() => removeTempDir(dir));

    const pathRejection = (error: unknown, path: string) => {
      expectCoreError(error, ConfigurationError, 'KJR_CONFIGURATION');
      const [issue] = (error as ConfigurationError).issues;
      expect(issue?.path).toBe(path);
      expect(issue?.message).toMatch(/file paths are read only by the Node entry/);
      // The value is never echoed: it may be mangled key material.
      expect((error as Error).message).not.toContain(keyFile);
    };

    it('loads inline PEM text', async () => {
      const material = await loadKeyMaterial({
        kind: 'pem',
        certificate: pki.certificatePem,
        privateKey: pki.privateKeyPem,
      });
      expect(material.mode).toBe('x5c');
    });

    it('rejects a file path, naming the option and pointing at the Node entry', async () => {
      const error = await loadKeyMaterial({ kind: 'pem', certificate: pki.certificatePem, privateKey: keyFile }).catch(
        (e: unknown) => e,
      );
      pathRejection(error, 'keyMaterial.privateKey');
    });

    it('rejects a file path in the client and in fetchMaskinportenToken by its option path', async () => {
      const maskinporten = {
        clientId: 'client',
        keyMaterial: { kind: 'pkcs12' as const, pkcs12: join(dir, 'virksomhet.p12'), password: 'p' },
      };
      const transport = scriptedTransport(200);
      const client = createKjoretoyregisterClient({ ...FIKS, maskinporten, transport, sleep: recordingSleep() });
      pathRejection(await client.getAccessToken().catch((e: unknown) => e), 'maskinporten.keyMaterial.pkcs12');
      pathRejection(
        await fetchMaskinportenToken({ maskinporten, transport }).catch((e: unknown) => e),
        'maskinporten.keyMaterial.pkcs12',
      );
      expect(transport.sent).toHaveLength(0);
    });

    it('the Node entry still reads the same path from disk', async () => {
      const material = await nodeEntry.loadKeyMaterial({
        kind: 'pem',
        certificate: pki.certificatePem,
        privateKey: keyFile,
      });
      expect(material.mode).toBe('x5c');
    });
  });
});
