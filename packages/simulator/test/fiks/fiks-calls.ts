/** Test-side Fiks caller: plain fetch with the three Fiks headers (docs/contract.md#s3.1). */
import type { RunningSimulator } from '../../src/index.js';
import { toResult, type HttpResult } from '../maskinporten/grant-signing.js';

export interface FiksCall {
  token?: string;
  integrasjonId?: string;
  integrasjonPassord?: string;
  fiksOrgId?: string;
  /** Path after `…/v2.0`; default the bulk kjennemerke endpoint. */
  svvPath?: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  fault?: string;
  /** The optional `requestId` correlation header. */
  requestId?: string;
}

export const BULK_KJENNEMERKE = '/bulk/kjennemerke';

export function fiksUrl(sim: RunningSimulator, fiksOrgId: string, svvPath: string): string {
  return `${sim.url}/kjoretoyregister/api/${fiksOrgId}/rest/distribusjon/kjoretoy/v2.0${svvPath}`;
}

export async function callFiks(sim: RunningSimulator, call: FiksCall = {}): Promise<HttpResult> {
  const svvPath = call.svvPath ?? BULK_KJENNEMERKE;
  const method = call.method ?? (svvPath === BULK_KJENNEMERKE ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.token !== undefined) headers['authorization'] = `Bearer ${call.token}`;
  headers['integrasjonid'] = call.integrasjonId ?? sim.demo.integrasjonId;
  headers['integrasjonpassord'] = call.integrasjonPassord ?? sim.demo.integrasjonPassord;
  if (call.fault !== undefined) headers['x-simulator-fault'] = call.fault;
  if (call.requestId !== undefined) headers['requestid'] = call.requestId;
  let body: string | undefined;
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body ?? [{ kjennemerke: 'CU10001' }]);
  }
  const response = await fetch(fiksUrl(sim, call.fiksOrgId ?? sim.demo.fiksOrgId, svvPath), { method, headers, body });
  return toResult(response);
}

/** The Fiks error JSON shape (docs/contract.md#s3.5), with the simulator clock as timestamp. */
export function expectFiksError(result: HttpResult, status: number, message: string, nowMs: number): void {
  expect(result.status).toBe(status);
  expect(result.json).toEqual({
    timestamp: nowMs,
    status,
    error: expect.any(String),
    errorId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    path: expect.stringContaining('/kjoretoyregister/api/'),
    message,
  });
}
