import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Transport, TransportFailure, TransportRequest, TransportResponse } from '@kjoretoyregister/core';
import { KjoretoyregisterError, TransportError, redactText } from '@kjoretoyregister/core';
import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { isAxiosError } from 'axios';
import { firstValueFrom } from 'rxjs';

/** Typed from `HttpService` itself, so it matches the axios copy `@nestjs/axios` was built against. */
type HttpServiceRequestConfig = Parameters<HttpService['request']>[0];

/**
 * Core's `Transport` over `@nestjs/axios`: every Maskinporten and Fiks request goes through the
 * app's axios instance (interceptors, proxy, timeout). It only moves bytes: core owns headers,
 * retries, token handling and status mapping, so this never throws on a status and never parses
 * a body.
 */
@Injectable()
export class HttpServiceTransport implements Transport {
  private httpAgent?: HttpAgent;
  private httpsAgent?: HttpsAgent;

  constructor(private readonly http: HttpService) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    const config: HttpServiceRequestConfig = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      data: request.body,
      signal: request.signal,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      // Core's fetch transport does not follow redirects either; a redirect is an answer to map.
      maxRedirects: 0,
      ...this.agents(),
    };
    try {
      const response = await firstValueFrom(this.http.request<unknown>(config));
      return { status: response.status, headers: lowerCaseHeaders(response.headers), body: bodyText(response.data) };
    } catch (error) {
      throw toTransportError(error, request.signal);
    }
  }

  /** Destroys the keep-alive sockets this transport opened (not the app's own agents). */
  async close(): Promise<void> {
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
    this.httpAgent = undefined;
    this.httpsAgent = undefined;
  }

  /**
   * Keep-alive agents we own, so shutdown can close their sockets (Node's global agent would keep
   * them open). An agent the app configured on its axios instance is left in charge.
   */
  private agents(): Pick<HttpServiceRequestConfig, 'httpAgent' | 'httpsAgent'> {
    const defaults = this.http.axiosRef.defaults;
    return {
      ...(defaults.httpAgent ? {} : { httpAgent: (this.httpAgent ??= new HttpAgent({ keepAlive: true })) }),
      ...(defaults.httpsAgent ? {} : { httpsAgent: (this.httpsAgent ??= new HttpsAgent({ keepAlive: true })) }),
    };
  }
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  const plain =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): object }).toJSON()
      : headers;
  for (const [name, value] of Object.entries(plain as Record<string, unknown>)) {
    if (value === undefined || value === null || value === false) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data === undefined || data === null) return '';
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  // Only an app interceptor that parses bodies gets here; hand core text again.
  return JSON.stringify(data);
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** Axios cancellation, timeout and socket errors → core's `TransportError` (docs/contract.md#s9.15). */
export function toTransportError(error: unknown, signal: AbortSignal | undefined): KjoretoyregisterError {
  if (error instanceof KjoretoyregisterError) return error;
  const code = errorCode(error);
  let failure: TransportFailure;
  if (signal?.aborted) {
    failure = isNamed(signal.reason, 'TimeoutError') ? 'timeout' : 'aborted';
  } else if (code !== undefined && TIMEOUT_CODES.has(code)) {
    failure = 'timeout';
  } else if (code === 'ERR_CANCELED') {
    failure = 'aborted';
  } else {
    failure = 'network';
  }
  const message =
    failure === 'timeout'
      ? 'Request timed out'
      : failure === 'aborted'
        ? 'Request aborted'
        : `Network error${code ? ` (${code})` : ''}`;
  return new TransportError(message, { failure, cause: sanitisedCause(error, code) });
}

/**
 * An AxiosError carries the request config, headers included (`Authorization`,
 * `IntegrasjonPassord`): keep only its name, code and redacted message (docs/contract.md#s9.11).
 */
function sanitisedCause(error: unknown, code: string | undefined): Error {
  const name = error instanceof Error ? error.name : typeof error;
  const cause = new Error(redactText(error instanceof Error ? error.message : String(error), 200));
  cause.name = name;
  if (code !== undefined) Object.assign(cause, { code });
  return cause;
}

function errorCode(error: unknown): string | undefined {
  if (isAxiosError(error) && typeof error.code === 'string') return error.code;
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function isNamed(value: unknown, name: string): boolean {
  return !!value && typeof value === 'object' && (value as { name?: unknown }).name === name;
}
