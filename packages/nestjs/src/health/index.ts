// Decorator metadata (`design:paramtypes`) needs the Reflect polyfill before any class below loads.
import 'reflect-metadata';

// `@kjoretoyregister/nestjs/health`: a separate entry so apps without @nestjs/terminus (an
// optional peer) can load the main entry.
export {
  DEFAULT_HEALTH_TIMEOUT_MS,
  HEALTH_PROBE_AUDIT,
  KjoretoyregisterHealthIndicator,
  NOT_FOUND_PROBE_KJENNEMERKE,
  notFoundProbe,
  type FiksProbe,
  type KjoretoyregisterHealthCheckOptions,
} from './kjoretoyregister.health.js';
