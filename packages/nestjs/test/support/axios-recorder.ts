import { HttpService } from '@nestjs/axios';
import { Injectable, type OnModuleInit } from '@nestjs/common';

export interface RecordedAxiosCall {
  method: string;
  /** Path only: the simulator's port changes per run. */
  path: string;
}

/**
 * What an app does to observe or decorate outgoing calls: an interceptor on the axios instance of
 * the `HttpService` it sees. Tests read `calls` to prove core's requests went through it.
 */
@Injectable()
export class AxiosCallRecorder implements OnModuleInit {
  readonly calls: RecordedAxiosCall[] = [];

  constructor(private readonly http: HttpService) {}

  onModuleInit(): void {
    this.http.axiosRef.interceptors.request.use((config) => {
      this.calls.push({ method: String(config.method).toUpperCase(), path: new URL(String(config.url)).pathname });
      return config;
    });
  }

  paths(): string[] {
    return this.calls.map((c) => `${c.method} ${c.path}`);
  }
}
