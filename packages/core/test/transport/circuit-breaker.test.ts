import { createKjoretoyregisterClient } from '../../src/client.js';
import { CircuitOpenError, UpstreamError } from '../../src/errors.js';
import { CountingTokenProvider } from '../support/counting-token-provider.js';
import { LoopbackServer } from '../support/loopback-server.js';
import { expectCoreError } from '../support/core-errors.js';

describe('optional circuit breaker', () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await new LoopbackServer().reply({ status: 503 }).start();
  });
  afterEach(() => server.stop());

  it('opens after consecutive upstream failures and stops calling the upstream', async () => {
    const client = createKjoretoyregisterClient({
      fiksApiUrl: server.url,
      fiksOrgId: '6f1c6b0e-4a55-4a5e-9d38-0c5f0f2f7a11',
      integrasjonId: 'b3a0f0de-2c1f-4b8e-9a7e-5d3c2b1a0f99',
      integrasjonPassord: 'x',
      tokenProvider: new CountingTokenProvider(),
      maxAttempts: 1,
      circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    const vin = () => client.lookupUnderstellsnummer('TESTDIGDIR0000016').catch((e: unknown) => e);
    expectCoreError(await vin(), UpstreamError, 'KJR_UPSTREAM');
    expect(await vin()).toBeInstanceOf(UpstreamError);
    const third = await vin();
    expect(third).toBeInstanceOf(CircuitOpenError);
    expect(third).toMatchObject({ code: 'KJR_CIRCUIT_OPEN' });
    expect(server.requests).toHaveLength(2);
    await client.close();
  });
});
