import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { RunningSimulator } from '@kjoretoyregister/simulator';
import { createApiUser } from '../../src/auth/users.service.js';
import { UsersRepository } from '../../src/persistence/users.repository.js';
import { loadConfig, type CaseSystemConfig } from '../../src/config/load-config.js';
import { startCaseSystem } from '../../src/create-app.js';
import { DATABASE } from '../../src/persistence/database.constants.js';
import type { Database, Db } from '../../src/persistence/database.js';
import type { Role } from '../../src/persistence/schema.js';
import type { Sak } from '../../src/saker/domain/sak.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { waitFor } from './wait.js';
import { newWebhookSecret } from './webhooks.js';

/** Fast timings for tests; production defaults are in the config files. */
export const FAST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  WORKER_POLL_INTERVAL_MS: '25',
  WORKER_LEASE_MS: '5000',
  WORKER_BACKOFF_BASE_MS: '20',
  WORKER_BACKOFF_MAX_MS: '200',
  DELIVERY_POLL_INTERVAL_MS: '25',
  DELIVERY_BACKOFF_BASE_MS: '20',
  DELIVERY_BACKOFF_MAX_MS: '200',
};

export interface TestCaseSystem {
  app: INestApplication;
  url: string;
  config: CaseSystemConfig;
  db: Db;
  source: string;
  secret: string;
  /** Lines written by the app's logger (when started with `captureLogs`). */
  logs: string[];
  createUser(rolle: Role, navn?: string): Promise<string>;
  get<T>(path: string, apiKey: string): Promise<T>;
  waitForSak(id: string, apiKey: string, until?: (sak: Sak) => boolean, timeoutMs?: number): Promise<Sak>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  captureLogs?: boolean;
  /** Reuse a database (e.g. a second app on it); otherwise a fresh one is created and dropped on stop. */
  database?: TestDatabase;
}

let userCounter = 0;

/** The real app on loopback, against the simulator, with its own fresh database. */
export async function startTestCaseSystem(
  simulator: RunningSimulator,
  options: StartOptions = {},
): Promise<TestCaseSystem> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  const secret = newWebhookSecret();
  const source = 'feltapp';
  const logs: string[] = [];
  const config = loadConfig({
    ...simulator.env,
    ...FAST_ENV,
    ...(options.captureLogs ? { LOG_LEVEL: 'debug' } : {}),
    ...database.env,
    WEBHOOK_INBOUND_SOURCES: `${source}=${secret}`,
    ...options.env,
  });
  const logDestination = options.captureLogs
    ? new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          callback();
        },
      })
    : undefined;
  let running;
  try {
    running = await startCaseSystem(config, { logDestination });
  } catch (error) {
    if (ownsDatabase) await database.drop();
    throw error;
  }
  const { app, url } = running;
  let stopped: Promise<void> | undefined;
  const db = app.get<Database>(DATABASE).db;

  const get = async <T>(path: string, apiKey: string): Promise<T> => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };

  return {
    app,
    url,
    config,
    db,
    source,
    secret,
    logs,
    async createUser(rolle, navn) {
      const name = navn ?? `${rolle}-${++userCounter}`;
      const { apiKey } = await createApiUser(app.get(UsersRepository), name, rolle, 'test:setup');
      return apiKey;
    },
    get,
    waitForSak(id, apiKey, until = (sak) => sak.status !== 'MOTTATT', timeoutMs = 30_000) {
      return waitFor(
        `case ${id} to reach the expected state`,
        async () => {
          const sak = await get<Sak>(`/api/saker/${id}`, apiKey);
          return until(sak) ? sak : undefined;
        },
        { timeoutMs },
      );
    },
    async stop() {
      stopped ??= (async () => {
        await app.close();
        if (ownsDatabase) await database.drop();
      })();
      return stopped;
    },
  };
}
