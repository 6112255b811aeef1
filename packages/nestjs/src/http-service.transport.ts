import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Transport, TransportRequest, TransportResponse } from '@kjoretoyregister/core';
import { bodyText, plainHeaders, transportErrorFrom } from '@kjoretoyregister/core';
import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
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
      return { status: response.status, headers: plainHeaders(response.headers), body: bodyText(response.data) };
    } catch (error) {
      // Core's kit maps axios' cancellation, timeout and socket codes, and drops the AxiosError for
      // a stand-in: it carries the request config, `Authorization` and `IntegrasjonPassord` included.
      throw transportErrorFrom(error, request.signal);
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
