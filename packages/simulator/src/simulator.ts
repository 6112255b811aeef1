import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminOperations } from './admin/admin-api.js';
import { ServedRequestLog, type ServedRequests } from './admin/served-requests.js';
import { StatsRecorder, type SimulatorStats } from './admin/stats-recorder.js';
import { systemClock } from './clock.js';
import { writeDemoCredentials, type DemoCredentials } from './credentials/demo-credentials.js';
import { DEMO_KOMMUNE, DEMO_LEVERANDOR, DEMO_SCOPE } from './credentials/demo-identities.js';
import { createRegister } from './data/register.js';
import { clientEnv, type DemoIdentity } from './env.js';
import { FaultController } from './faults/fault-controller.js';
import type { Faults } from './faults/faults.js';
import { createPrng } from './faults/prng.js';
import { UsageLimits } from './faults/usage-limits.js';
import { validateFaults } from './faults/validate-faults.js';
import { IntegrationRegistry, type IntegrationRegistration } from './fiks/integration-registry.js';
import { baseUrl, listen, type ListeningServer } from './http/http-server.js';
import { createRequestListener } from './http/request-router.js';
import { Sleeper } from './http/sleeper.js';
import { ClientRegistry, type ClientRegistration } from './maskinporten/client-registry.js';
import { GrantReplayStore } from './maskinporten/grant-replay.js';
import { createSigningKey } from './maskinporten/signing-key.js';
import { TokenLedger } from './maskinporten/token-ledger.js';
import { resolveOptions, type SimulatorOptions } from './options.js';

export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:4321`; Fiks and Maskinporten share it. */
  url: string;
  /** Maskinporten issuer: `url` + `/` (the grant `aud`). */
  issuer: string;
  tokenUrl: string;
  jwksUrl: string;
  /** `url/kjoretoyregister/api/<demo fiksOrgId>`. */
  fiksBaseUrl: string;
  /** Environment for core's `configFromEnv` (p12 variant). */
  env: Record<string, string>;
  credentials: DemoCredentials;
  demo: DemoIdentity;
  stats(): SimulatorStats;
  /** The requests that reached the register, each with its `requestId` header (bounded, newest kept). */
  servedRequests(): ServedRequests;
  /** Counters, the served-request log, faults (back to the start options), quota and used grant ids. Registrations stay. */
  reset(): void;
  faults(): Faults;
  /** Replaces the global faults (validated). */
  setFaults(faults: Faults): void;
  registerClient(client: ClientRegistration): void;
  registerIntegration(integration: IntegrationRegistration): void;
  /** Revokes every access token issued so far; returns how many. */
  revokeTokens(): number;
  /** Closes the server and every socket, cancels pending waits, removes temp credentials. */
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const opts = resolveOptions(options);
  const baseClock = opts.clock ?? systemClock;
  const ownsDir = opts.credentialsDir === undefined;
  const dir = opts.credentialsDir ?? (await mkdtemp(join(tmpdir(), 'kjoretoyregister-simulator-')));
  const [signingKey, credentials] = await Promise.all([createSigningKey(), writeDemoCredentials(dir, baseClock())]);

  const stats = new StatsRecorder();
  const served = new ServedRequestLog();
  const random = createPrng(opts.seed);
  const faults = new FaultController(opts.faults, random, (kind) => stats.fault(kind));
  const clients = new ClientRegistry();
  const integrations = new IntegrationRegistry();
  const replay = new GrantReplayStore();
  const ledger = new TokenLedger();
  const limits = new UsageLimits();
  const sleeper = new Sleeper();
  registerDemoIdentities(clients, integrations, credentials);

  const admin: AdminOperations = {
    stats: () => stats.snapshot(),
    servedRequests: () => served.snapshot(),
    reset: () => {
      stats.reset();
      served.reset();
      faults.reset();
      limits.reset();
      replay.clear();
    },
    faults: () => faults.current,
    setFaults: (f) => faults.set(validateFaults(f)),
    registerClient: (c) => void clients.register(c),
    registerIntegration: (i) => integrations.register(i),
    revokeTokens: () => ledger.revokeAll(),
  };

  const register = createRegister({
    seed: opts.seed,
    ...(opts.vehicles === undefined ? {} : { vehicles: opts.vehicles }),
  });
  const trustedCa = new X509Certificate(credentials.ca.certPem);

  let server: ListeningServer;
  try {
    server = await listen(opts.port, opts.host);
  } catch (err) {
    if (ownsDir) await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const url = baseUrl(opts.host, server.port);
  const issuer = `${url}/`;
  // The issuer is known only once the port is; no await separates listen() from serve(), so no
  // request can arrive in between.
  server.serve(
    createRequestListener({
      issuer,
      baseClock,
      random,
      signingKey,
      faults,
      stats,
      sleeper,
      admin,
      token: {
        issuer,
        clients,
        trustedCa,
        replay,
        ledger,
        signingKey,
        tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
      },
      fiks: {
        publicKey: signingKey.publicKey,
        issuer,
        integrations,
        ledger,
        faults,
        limits,
        stats,
        served,
        register,
        maxBulkSize: opts.maxBulkSize,
      },
    }),
  );

  const demo: DemoIdentity = {
    orgnr: DEMO_KOMMUNE.orgnr,
    clientId: DEMO_KOMMUNE.clientId,
    scope: DEMO_SCOPE,
    fiksOrgId: DEMO_KOMMUNE.fiksOrgId,
    integrasjonId: DEMO_KOMMUNE.integrasjonId,
    integrasjonPassord: DEMO_KOMMUNE.integrasjonPassord,
    kid: DEMO_KOMMUNE.registeredKid,
    supplierOrgnr: DEMO_LEVERANDOR.orgnr,
    supplierClientId: DEMO_LEVERANDOR.clientId,
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    issuer,
    tokenUrl: `${url}/token`,
    jwksUrl: `${url}/jwk`,
    fiksBaseUrl: `${url}/kjoretoyregister/api/${demo.fiksOrgId}`,
    env: clientEnv(url, demo, credentials),
    credentials,
    demo,
    ...admin,
    stop: () =>
      (stopped ??= (async () => {
        sleeper.cancelAll();
        await server.close();
        if (ownsDir) await rm(dir, { recursive: true, force: true });
      })()),
  };
}

function registerDemoIdentities(
  clients: ClientRegistry,
  integrations: IntegrationRegistry,
  credentials: DemoCredentials,
): void {
  clients.register({
    clientId: DEMO_KOMMUNE.clientId,
    orgnr: DEMO_KOMMUNE.orgnr,
    scopes: [DEMO_SCOPE],
    keys: [{ kid: DEMO_KOMMUNE.registeredKid, publicPem: credentials.registeredKey.publicKeyPem }],
  });
  clients.register({
    clientId: DEMO_LEVERANDOR.clientId,
    orgnr: DEMO_LEVERANDOR.orgnr,
    scopes: [DEMO_SCOPE],
    delegations: [{ consumerOrgnr: DEMO_KOMMUNE.orgnr, scopes: [DEMO_SCOPE] }],
  });
  integrations.register({
    integrasjonId: DEMO_KOMMUNE.integrasjonId,
    passord: DEMO_KOMMUNE.integrasjonPassord,
    orgnr: DEMO_KOMMUNE.orgnr,
    fiksOrgIds: [DEMO_KOMMUNE.fiksOrgId],
  });
}
