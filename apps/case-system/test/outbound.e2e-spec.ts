import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { startSubscriber, type Subscriber } from './support/subscriber.js';
import { waitFor } from './support/wait.js';
import { newWebhookSecret, observasjon, postSigned } from './support/webhooks.js';

describe('outbound webhooks on every status change', () => {
  const secret = newWebhookSecret();
  let simulator: RunningSimulator;
  let system: TestCaseSystem;
  let flaky: Subscriber;
  let broken: Subscriber;
  let apiKey: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    flaky = await startSubscriber(secret, (attempt) => (attempt <= 2 ? 503 : 204));
    broken = await startSubscriber(secret, () => 500);
    system = await startTestCaseSystem(simulator, {
      env: {
        WEBHOOK_OUTBOUND_URLS: `${flaky.url},${broken.url}`,
        WEBHOOK_OUTBOUND_SECRET: secret,
        DELIVERY_MAX_ATTEMPTS: '4',
      },
    });
    apiKey = await system.createUser('saksbehandler');
  });
  afterAll(async () => {
    await system?.stop();
    await flaky?.close();
    await broken?.close();
    await simulator?.stop();
  });

  it('retries with backoff until the subscriber accepts, with the same signed event id on every attempt', async () => {
    const response = await postSigned(
      system.url,
      system.secret,
      observasjon({ kjennemerke: 'CU10942', observertTidspunkt: '2023-06-01T12:00:00+02:00' }),
    );
    const { id } = (await response.json()) as { id: string };
    const sak = await system.waitForSak(id, apiKey);
    expect(sak.status).toBe('EIER_FUNNET');

    const deliveries = await waitFor('both events delivered to the flaky subscriber', async () => {
      const rows = await system.db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('sak_id', '=', id)
        .where('subscriber_url', '=', flaky.url)
        .execute();
      return rows.length === 2 && rows.every((row) => row.status === 'DELIVERED') ? rows : undefined;
    });
    for (const row of deliveries) expect(row).toMatchObject({ attempts: 3, last_status: 204 });

    const byEvent = new Map<string, typeof flaky.receipts>();
    for (const receipt of flaky.receipts)
      byEvent.set(receipt.webhookId, [...(byEvent.get(receipt.webhookId) ?? []), receipt]);
    expect([...byEvent.keys()].sort()).toEqual(deliveries.map((row) => row.event_id).sort());
    for (const receipts of byEvent.values()) {
      expect(receipts.map((r) => r.answered)).toEqual([503, 503, 204]);
      expect(receipts.every((r) => r.verified)).toBe(true);
      expect(new Set(receipts.map((r) => JSON.stringify(r.body))).size).toBe(1);
    }
    const events = [...byEvent.values()].map(
      (receipts) => receipts[0].body as { type: string; data: Record<string, unknown> },
    );
    const changes = events.map((e) => `${e.type}: ${String(e.data['forrigeStatus'])} → ${String(e.data['status'])}`);
    expect(changes.sort()).toEqual(['sak.status_endret: MOTTATT → EIER_FUNNET', 'sak.status_endret: null → MOTTATT']);
    const found = events.find((e) => e.data['status'] === 'EIER_FUNNET');
    expect(found?.data).toEqual({
      sakId: id,
      status: 'EIER_FUNNET',
      forrigeStatus: 'MOTTATT',
      varselFrist: sak.varselFrist,
      href: `/api/saker/${id}`,
    });
    // Subscribers learn that something changed, not who owns the vehicle.
    expect(JSON.stringify(events)).not.toMatch(/HELGE|KROKEN|CU ?10942/);
  });

  it('gives up on a subscriber that never accepts after the configured attempts', async () => {
    const rows = await waitFor('deliveries to the broken subscriber to be given up', async () => {
      const found = await system.db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('subscriber_url', '=', broken.url)
        .execute();
      return found.length > 0 && found.every((row) => row.status === 'FAILED') ? found : undefined;
    });
    for (const row of rows) expect(row).toMatchObject({ attempts: 4, last_status: 500, last_error: 'HTTP 500' });
  });
});
