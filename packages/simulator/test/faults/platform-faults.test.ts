import { request } from 'node:http';
import { startSimulator, type RunningSimulator } from '../../src/index.js';
import { BULK_KJENNEMERKE, callFiks, expectFiksError, fiksUrl } from '../fiks/fiks-calls.js';
import { fetchAccessToken, manualClock, postToken, signGrant } from '../maskinporten/grant-signing.js';

// 10:00 UTC = 12:00 in Oslo (CEST): 12 hours to the quota reset.
const START = Date.UTC(2026, 5, 1, 10, 0, 0);
const clock = manualClock(START);
let sim: RunningSimulator;
let token: string;

const BULK_ROUTE = 'POST /kjoretoyregister/api/{fiksOrgId}/rest/distribusjon/kjoretoy/v2.0/bulk/kjennemerke';
const plates = (n: number) => Array.from({ length: n }, (_, i) => ({ kjennemerke: `CU1000${i}` }));

beforeAll(async () => {
  sim = await startSimulator({ clock: clock.now });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  clock.set(START);
  sim.reset();
  token = await fetchAccessToken(sim, clock.seconds());
});

const statuses = async (n: number, fault?: string) => {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push((await callFiks(sim, { token, ...(fault ? { fault } : {}) })).status);
  return out;
};

describe('server errors (docs/contract.md#s7f)', () => {
  it.each([500, 502, 503])('answers %s with an SVV error body and matching svvguid header', async (status) => {
    const result = await callFiks(sim, { token, fault: String(status) });
    expect(result.status).toBe(status);
    expect(result.json).toEqual({
      svvguid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      responskoder: [{ kode: expect.any(String), beskrivelse: expect.any(String) }],
    });
    expect(result.headers.get('svvguid')).toBe(result.json['svvguid']);
  });

  it('fails only the next N requests when configured with times', async () => {
    sim.setFaults({ serverError: { status: 503, times: 2 } });
    expect(await statuses(3)).toEqual([503, 503, 200]);
    expect(sim.stats().faults.serverError).toBe(2);
    expect(sim.stats().itemsLookedUp).toBe(1);
  });

  it('does not fault a request that fails authentication', async () => {
    const result = await callFiks(sim, { fault: '500' });
    expect(result.status).toBe(401);
    expect(sim.stats().faults.serverError).toBeUndefined();
  });
});

describe('rate limiting: 429 + Retry-After (docs/contract.md#s7e)', () => {
  it('answers every Nth request with 429 and the configured Retry-After', async () => {
    sim.setFaults({ rateLimited: { retryAfterSeconds: 7, everyNth: 2 } });
    const first = await callFiks(sim, { token });
    const second = await callFiks(sim, { token });
    expect([first.status, second.status]).toEqual([200, 429]);
    expect(second.headers.get('retry-after')).toBe('7');
    expectFiksError(second, 429, 'For mange forespørsler. Prøv igjen senere', clock.now());
    expect(await statuses(2)).toEqual([200, 429]);
  });

  it('enforces a burst limit per integration in fixed windows of the simulator clock', async () => {
    clock.set(START + 10_000);
    token = await fetchAccessToken(sim, clock.seconds());
    sim.setFaults({ burstLimit: { requests: 2, windowSeconds: 60 } });
    const results = [await callFiks(sim, { token }), await callFiks(sim, { token }), await callFiks(sim, { token })];
    expect(results.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(results[2]?.headers.get('retry-after')).toBe('50');
    clock.advance(50_000);
    expect((await callFiks(sim, { token })).status).toBe(200);
    expect(sim.stats().faults.burstLimit).toBe(1);
  });

  it('takes 429 from the request header, with a default Retry-After of 1', async () => {
    const result = await callFiks(sim, { token, fault: '429' });
    expect(result.status).toBe(429);
    expect(result.headers.get('retry-after')).toBe('1');
  });
});

describe('quota: 422 + Retry-After until Oslo midnight (docs/contract.md#s7e)', () => {
  it('answers 422 on demand with the quota message', async () => {
    const result = await callFiks(sim, { token, fault: '422' });
    expect(result.status).toBe(422);
    expect(result.text).toBe('Antall kjoretoy i respons overstiger kvote. Prøv igjen etter midnatt (norsk tid)');
    expect(result.headers.get('retry-after')).toBe(String(12 * 3600));
  });

  it('counts items per integration per day, refuses a request that would exceed it, and resets', async () => {
    sim.setFaults({ quota: { dailyItems: 3 } });
    const first = await callFiks(sim, { token, body: plates(2) });
    expect(first.status).toBe(200);
    expect(first.headers.get('gjenstaendeKvote')).toBe('1');
    const tooMany = await callFiks(sim, { token, body: plates(2) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.headers.get('retry-after')).toBe(String(12 * 3600));
    const last = await callFiks(sim, { token, body: plates(1) });
    expect(last.headers.get('gjenstaendeKvote')).toBe('0');
    expect((await callFiks(sim, { token, body: plates(1) })).status).toBe(422);
    expect(sim.stats()).toMatchObject({ itemsLookedUp: 3, faults: { quota: 2 } });

    sim.reset();
    sim.setFaults({ quota: { dailyItems: 3 } });
    expect((await callFiks(sim, { token, body: plates(1) })).status).toBe(200);
  });

  it('starts a new quota day at midnight in Oslo, not UTC', async () => {
    sim.setFaults({ quota: { dailyItems: 1 } });
    clock.set(Date.UTC(2026, 5, 1, 21, 59, 0)); // 23:59 in Oslo
    token = await fetchAccessToken(sim, clock.seconds());
    expect((await callFiks(sim, { token })).status).toBe(200);
    const spent = await callFiks(sim, { token });
    expect(spent.status).toBe(422);
    expect(spent.headers.get('retry-after')).toBe('60');
    clock.set(Date.UTC(2026, 5, 1, 22, 0, 30)); // 00:00:30 in Oslo, still 1 June in UTC
    token = await fetchAccessToken(sim, clock.seconds());
    expect((await callFiks(sim, { token })).status).toBe(200);
  });
});

describe('connection and body faults', () => {
  it('resets the connection without an answer', async () => {
    await expect(callFiks(sim, { token, fault: 'reset' })).rejects.toThrow();
    expect(sim.stats().routes[BULK_ROUTE]).toEqual({ reset: 1 });
    expect(sim.stats().itemsLookedUp).toBe(0);
  });

  it('resets only the next request when configured with times: 1', async () => {
    sim.setFaults({ connectionReset: { times: 1 } });
    await expect(callFiks(sim, { token })).rejects.toThrow();
    expect((await callFiks(sim, { token })).status).toBe(200);
  });

  it('truncates the JSON body to its first half, with a matching Content-Length', async () => {
    const full = (await callFiks(sim, { token })).text;
    const truncated = await callFiks(sim, { token, fault: 'truncated' });
    expect(truncated.status).toBe(200);
    const half = Math.floor(Buffer.byteLength(full) / 2);
    expect(truncated.headers.get('content-length')).toBe(String(half));
    expect(truncated.text).toBe(Buffer.from(full).subarray(0, half).toString('utf8'));
    expect(() => JSON.parse(truncated.text)).toThrow(SyntaxError);
  });

  it('malforms the JSON body', async () => {
    const full = (await callFiks(sim, { token })).text;
    sim.setFaults({ malformedJson: true });
    const malformed = await callFiks(sim, { token });
    expect(malformed.status).toBe(200);
    expect(malformed.text).toBe(`[,${full.slice(1)}`);
    expect(() => JSON.parse(malformed.text)).toThrow(SyntaxError);
  });

  it('sends a slow body in several chunks that still add up to the full body', async () => {
    const full = (await callFiks(sim, { token })).text;
    const chunks: Buffer[] = [];
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        fiksUrl(sim, sim.demo.fiksOrgId, BULK_KJENNEMERKE),
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            integrasjonid: sim.demo.integrasjonId,
            integrasjonpassord: sim.demo.integrasjonPassord,
            'content-type': 'application/json',
            'x-simulator-fault': 'slow=40',
          },
        },
        (res) => {
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify([{ kjennemerke: 'CU10001' }]));
    });
    expect(status).toBe(200);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(full);
    expect(chunks.length).toBeGreaterThan(1);
    expect(sim.stats().faults.slowBody).toBe(1);
  });
});

describe('latency', () => {
  it('adds fixed latency plus seeded jitter to Maskinporten and Fiks calls', async () => {
    sim.setFaults({ latency: { fixedMs: 20, jitterMs: 10 } });
    const started = performance.now();
    await callFiks(sim, { token });
    await postToken(sim, await signGrant(sim, clock.seconds()));
    const stats = sim.stats();
    expect(stats.faults.latency).toBe(2);
    expect(stats.latencyAddedMs).toBeGreaterThanOrEqual(40);
    expect(stats.latencyAddedMs).toBeLessThanOrEqual(60);
    // Timers never fire early by more than a millisecond, so the lower bound is safe.
    expect(performance.now() - started).toBeGreaterThanOrEqual(stats.latencyAddedMs - 2);
  });

  it('takes latency from the request header, and never delays metadata', async () => {
    await callFiks(sim, { token, fault: 'latency=15' });
    await fetch(`${sim.url}/jwk`);
    expect(sim.stats()).toMatchObject({ latencyAddedMs: 15, faults: { latency: 1 } });
  });
});

describe('Maskinporten faults', () => {
  it('takes the token endpoint down for the next request only', async () => {
    sim.setFaults({ tokenEndpointDown: { times: 1 } });
    const down = await postToken(sim, await signGrant(sim, clock.seconds()));
    expect(down.status).toBe(503);
    expect(down.json['error']).toBe('temporarily_unavailable');
    expect((await postToken(sim, await signGrant(sim, clock.seconds()))).status).toBe(200);
    expect(sim.stats().tokenRequests).toMatchObject({ ok: 2, failed: 1, byError: { temporarily_unavailable: 1 } });
  });

  it('takes the token endpoint down through the request header', async () => {
    const down = await postToken(sim, await signGrant(sim, clock.seconds()), {
      headers: { 'x-simulator-fault': 'token-down' },
    });
    expect(down.status).toBe(503);
  });

  it('skews the simulator clock ahead: a fresh grant is expired (MP-130) and a live token is rejected', async () => {
    sim.setFaults({ clockSkewSeconds: 300 });
    const grant = await postToken(sim, await signGrant(sim, clock.seconds()));
    expect(grant.json['error_description']).toContain('JWT is expired (MP-130)');
    const call = await callFiks(sim, { token });
    expectFiksError(call, 401, 'Klarte ikke å validere access_token', clock.now() + 300_000);
  });

  it('skews the simulator clock behind: a fresh grant is issued in the future', async () => {
    const grant = await postToken(sim, await signGrant(sim, clock.seconds()), {
      headers: { 'x-simulator-fault': 'skew=-30' },
    });
    expect(grant.json['error_description']).toContain('Issue time is after now');
  });

  it('revokes a live token for every 2nd Fiks call', async () => {
    sim.setFaults({ tokenRevoked: { everyNth: 2 } });
    expect(await statuses(4)).toEqual([200, 401, 200, 401]);
  });

  it('revokes the token for one call through the request header', async () => {
    const result = await callFiks(sim, { token, fault: 'revoked' });
    expectFiksError(result, 401, 'Klarte ikke å validere access_token', clock.now());
  });
});

describe('the x-simulator-fault header', () => {
  it('accepts the JSON form', async () => {
    const result = await callFiks(sim, { token, fault: '{"serverError":{"status":502}}' });
    expect(result.status).toBe(502);
  });

  it('answers 400 to an unknown fault and counts nothing else', async () => {
    const result = await callFiks(sim, { token, fault: 'explode' });
    expect(result.status).toBe(400);
    expect(result.text).toContain('unknown fault "explode"');
    expect(sim.stats().integrations).toEqual({});
  });

  it('combines faults: 503 is decided before body faults', async () => {
    expect((await callFiks(sim, { token, fault: 'truncated,503' })).status).toBe(503);
  });
});
