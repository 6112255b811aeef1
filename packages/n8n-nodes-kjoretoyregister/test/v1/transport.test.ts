import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { FiksKjoretoyregister } from '../../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';
import { createExecuteContext, itemsOf, type CredentialStore } from '../support/fake-n8n';
import {
  BULK_ROUTE,
  SOK_ROUTE,
  credentialStore,
  fiksRequests,
  routeCounts,
  simulatorCredential,
} from '../support/simulator-credential';

const node = new FiksKjoretoyregister();
const PLATES = ['CU10942', 'EC80261'];

/** The token handling of the transport over n8n's httpRequestWithAuthentication, end to end. */
describe('n8n transport and the expirable token', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  function execute(store: CredentialStore, plates: readonly string[] = PLATES) {
    const fake = createExecuteContext({
      store,
      items: itemsOf(plates.map(() => ({}))),
      parameters: (i) => ({ resource: 'kjoretoy', operation: 'kjennemerke', kjennemerke: plates[i] }),
    });
    return { requests: fake.requests, result: node.execute.call(fake.context) };
  }

  it('fetches a token once and reuses the stored one in the next execution', async () => {
    const store = credentialStore(simulatorCredential(simulator));
    await execute(store).result;
    await execute(store).result;
    expect(simulator.stats().tokenRequests.ok).toBe(1);
    expect(store.tokenUpdates).toBe(1);
    expect(store.data['accessToken']).toMatch(/^eyJ/);
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 2 });
  });

  it('after Fiks rejects the stored token, n8n refreshes it once and the bulk POST is repeated only once', async () => {
    const store = credentialStore(simulatorCredential(simulator));
    await execute(store).result;
    simulator.revokeTokens();
    const { result, requests } = execute(store);
    const [out] = await result;

    expect(out.map((item) => item.json['status'])).toEqual(['found', 'found']);
    expect(simulator.stats().tokenRequests.ok).toBe(2);
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 2, '401': 1 });
    // The probe is what n8n retries after refreshing: a not-found search, no lookup quota spent.
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({ '401': 1, '204': 1 });
    expect(requests.filter((r) => r.throwing).map((r) => r.status)).toEqual([401, 204]);
  });

  it('does not refresh the token when Fiks rejects the integration, and says what to check', async () => {
    const store = credentialStore(simulatorCredential(simulator, 'pem', { integrasjonPassword: 'wrong-password' }));
    const error: unknown = await execute(store).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).httpCode).toBe('401');
    expect((error as NodeApiError).description).toMatch(/IntegrasjonPassord is wrong/);
    expect((error as Error).message).not.toContain('wrong-password');
    expect(simulator.stats().tokenRequests.ok).toBe(1);
    expect(routeCounts(simulator, SOK_ROUTE('kjennemerke'))).toEqual({});
  });

  it('turns a Maskinporten refusal in preAuthentication into a NodeApiError with the MP hint; nothing reaches Fiks', async () => {
    const store = credentialStore(simulatorCredential(simulator, 'pem', { clientId: 'unknown-client' }));
    const error: unknown = await execute(store).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as Error).message).toMatch(/^Maskinporten refused the token request \(HTTP 400\): MP-100/);
    expect((error as NodeApiError).description).toMatch(/Samarbeidsportalen/);
    expect(routeCounts(simulator, BULK_ROUTE)).toEqual({});
  });

  it('reports key material that does not match as a credential problem, naming the field', async () => {
    const store = credentialStore(
      simulatorCredential(simulator, 'pem', { privateKey: simulator.credentials.supplier.keyPem }),
    );
    const error: unknown = await execute(store).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toBe(
      'The credential or node settings are wrong: Certificate (PEM) the private key does not match the certificate',
    );
    expect(simulator.stats().tokenRequests).toMatchObject({ ok: 0, failed: 0 });
  });

  it('maps an unreachable Fiks host to a network error with the reachability hint', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const store = credentialStore(
      simulatorCredential(simulator, 'pem', { fiksApiUrl: `http://127.0.0.1:${closedPort}` }),
    );
    const error: unknown = await execute(store).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    // n8n rewrites messages naming a socket error code into its own wording.
    expect((error as NodeApiError).messages).toContain('Network error (ECONNREFUSED)');
    expect((error as Error).message).toMatch(/refused the connection/);
    expect((error as NodeApiError).description).toMatch(/could not be reached/);
  });
});

/** n8n refreshes the expirable field only when it is empty or after a 401; the node reads `exp` itself. */
describe('a stored token at or past its expiry', () => {
  function execute(store: CredentialStore) {
    const fake = createExecuteContext({
      store,
      items: itemsOf(PLATES.map(() => ({}))),
      parameters: (i) => ({ resource: 'kjoretoy', operation: 'kjennemerke', kjennemerke: PLATES[i] }),
    });
    return node.execute.call(fake.context);
  }

  it('is replaced before sending: one Fiks request, not 401 → probe 401 → probe → bulk', async () => {
    const simulator = await startSimulator({ port: 0, tokenLifetimeSeconds: 1 });
    try {
      const store = credentialStore(simulatorCredential(simulator));
      await execute(store);
      const expired = store.data['accessToken'];
      // exp has whole seconds; after two the token is past it for Fiks and for the node alike.
      await sleep(2100);
      simulator.reset();

      const [out] = await execute(store);
      expect(out.map((item) => item.json['status'])).toEqual(['found', 'found']);
      expect(fiksRequests(simulator)).toBe(1);
      expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 1 });
      expect(simulator.stats().tokenRequests.ok).toBe(1);
      // The new token is stored with the rest of the credential, as n8n stores preAuthentication output.
      expect(store.tokenUpdates).toBe(2);
      expect(store.data['accessToken']).toMatch(/^eyJ/);
      expect(store.data['accessToken']).not.toBe(expired);
      expect(store.data['integrasjonId']).toBe(simulator.demo.integrasjonId);
    } finally {
      await simulator.stop();
    }
  });

  it('is replaced when it expires within the margin, although Fiks would still take it', async () => {
    // 5 s of life is inside core's 10 s token margin (DEFAULT_TOKEN_EXPIRY_MARGIN_MS).
    const simulator = await startSimulator({ port: 0, tokenLifetimeSeconds: 5 });
    try {
      const store = credentialStore(simulatorCredential(simulator));
      await execute(store);
      await execute(store);
      expect(simulator.stats().tokenRequests.ok).toBe(2);
      expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '200': 2 });
      expect(fiksRequests(simulator)).toBe(2);
    } finally {
      await simulator.stop();
    }
  });

  it('keeps a token that is not a JWT until Fiks rejects it (the 401 path refreshes it once)', async () => {
    const simulator = await startSimulator({ port: 0 });
    try {
      const store = credentialStore(simulatorCredential(simulator, 'pem', { accessToken: 'not-a-jwt' }));
      const [out] = await execute(store);
      expect(out.map((item) => item.json['status'])).toEqual(['found', 'found']);
      expect(routeCounts(simulator, BULK_ROUTE)).toEqual({ '401': 1, '200': 1 });
      expect(simulator.stats().tokenRequests.ok).toBe(1);
    } finally {
      await simulator.stop();
    }
  });
});
