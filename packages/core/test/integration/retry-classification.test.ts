import type { ClientOptions } from '../../src/config/options.js';
import { FiksAuthenticationError, ResponseFormatError } from '../../src/errors.js';
import { expectCoreError } from '../support/core-errors.js';
import { useSimulatorClients } from '../support/simulator-clients.js';

// Issue 15 item 7 against the simulator's faults: a cut or garbled 2xx body and a second token
// rejection in a row are transient; a third rejection is not.

const VIN = 'TESTDIGDIR0000016';
const VIN_ROUTE =
  'GET /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/{understellsnummer}';
const BULK_ROUTE = 'POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke';

describe('retry classification against the simulator', () => {
  const sim = useSimulatorClients(100);
  const client = (overrides: Partial<ClientOptions> = {}) => sim.client(overrides);

  const served = (route: string) => Object.values(sim.simulator.stats().routes[route] ?? {}).reduce((a, b) => a + b, 0);

  it.each(['truncatedJson', 'malformedJson'] as const)('retries a GET whose 2xx body is %s', async (fault) => {
    sim.simulator.setFaults({ [fault]: { times: 1 } });
    const result = await client().lookupUnderstellsnummer(VIN);
    expect(result.status).toBe('found');
    expect(served(VIN_ROUTE)).toBe(2);
    expect(sim.simulator.stats().faults[fault]).toBe(1);
  });

  it('marks an unreadable 2xx body retryable even where it is not retried (a bulk POST)', async () => {
    sim.simulator.setFaults({ truncatedJson: { times: 1 } });
    const [outcome] = await client().lookupKjennemerke(['CU10942']);
    expectCoreError(outcome.error, ResponseFormatError, 'KJR_RESPONSE_FORMAT');
    // So a caller that schedules its own retries (the sample app) tries again instead of giving up.
    expect(outcome.error?.retryable).toBe(true);
    expect(served(BULK_ROUTE)).toBe(1);
  });

  it('retries an unreadable bulk answer when bulk retries are enabled', async () => {
    sim.simulator.setFaults({ truncatedJson: { times: 1 } });
    const [outcome] = await client({ retryBulkPost: true }).lookupKjennemerke(['CU10942']);
    expect(outcome.status).toBe('found');
    expect(served(BULK_ROUTE)).toBe(2);
  });

  it('gives up on a body that stays unreadable after the attempts', async () => {
    sim.simulator.setFaults({ malformedJson: true });
    const error = await client({ maxAttempts: 3 })
      .lookupUnderstellsnummer(VIN)
      .catch((e: unknown) => e);
    expectCoreError(error, ResponseFormatError, 'KJR_RESPONSE_FORMAT');
    expect(served(VIN_ROUTE)).toBe(3);
  });

  it('rides out two token rejections in a row with a fresh token each time', async () => {
    const c = client();
    sim.simulator.setFaults({ tokenRevoked: { times: 2 } });
    const result = await c.lookupUnderstellsnummer(VIN);
    expect(result.status).toBe('found');
    expect(served(VIN_ROUTE)).toBe(3);
    expect(sim.simulator.stats().tokenRequests.ok).toBe(3);
  });

  it('stops at the third token rejection in a row, not retryable', async () => {
    sim.simulator.setFaults({ tokenRevoked: { times: 3 } });
    const error = await client({ maxAttempts: 5 })
      .lookupUnderstellsnummer(VIN)
      .catch((e: unknown) => e);
    expectCoreError(error, FiksAuthenticationError, 'KJR_FIKS_AUTHENTICATION');
    expect(error).toMatchObject({ kind: 'token', retryable: false });
    expect(served(VIN_ROUTE)).toBe(3);
  });

  it('reports a second rejection on a bulk POST as retryable after the one refresh', async () => {
    sim.simulator.setFaults({ tokenRevoked: { times: 2 } });
    const [outcome] = await client().lookupKjennemerke(['CU10942']);
    expectCoreError(outcome.error, FiksAuthenticationError, 'KJR_FIKS_AUTHENTICATION');
    expect(outcome.error?.retryable).toBe(true);
    expect(served(BULK_ROUTE)).toBe(2);
  });
});
