import type { Clock } from '../clock.js';
import type { KeyMaterialOption } from '../config/options.js';
import type { Logger } from '../observability/logger.js';
import type { Transport } from '../transport/transport.js';
import { loadKeyMaterial, type KeyMaterial } from './key-material.js';
import { MaskinportenTokenProvider } from './maskinporten.js';
import type { AccessToken, TokenProvider } from './token-provider.js';

export interface LazyTokenProviderOptions {
  keyMaterial: KeyMaterialOption;
  clientId: string;
  scope: string[];
  issuer: string;
  tokenUrl: string;
  consumerOrg?: string;
  resource?: string;
  transport: Transport;
  clock: Clock;
  expiryMarginMs: number;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Key files are read on first use so constructing a client stays synchronous; the load is
 * shared by concurrent first callers, and a failed load is retried on the next call (a fixed file
 * should not need a restart).
 */
export class LazyTokenProvider implements TokenProvider {
  private provider?: MaskinportenTokenProvider;
  private loading?: Promise<MaskinportenTokenProvider>;

  constructor(private readonly options: LazyTokenProviderOptions) {}

  async getToken(options?: { signal?: AbortSignal }): Promise<AccessToken> {
    return (await this.load()).getToken(options);
  }

  invalidate(token?: AccessToken): void {
    this.provider?.invalidate(token);
  }

  /** Number of token POSTs made so far (diagnostics and tests). */
  get tokenRequestCount(): number {
    return this.provider?.tokenRequestCount ?? 0;
  }

  /** The loaded key material (certificate info for diagnostics); loads it if needed. */
  async keyMaterial(): Promise<KeyMaterial> {
    await this.load();
    return this.loadedKey as KeyMaterial;
  }

  private loadedKey?: KeyMaterial;

  private load(): Promise<MaskinportenTokenProvider> {
    if (this.provider) return Promise.resolve(this.provider);
    this.loading ??= (async () => {
      const { options } = this;
      const key = await loadKeyMaterial(
        { ...options.keyMaterial, clock: options.clock } as Parameters<typeof loadKeyMaterial>[0],
        { optionPath: 'maskinporten.keyMaterial' },
      );
      this.loadedKey = key;
      this.provider = new MaskinportenTokenProvider({
        keyMaterial: key,
        clientId: options.clientId,
        scope: options.scope,
        issuer: options.issuer,
        tokenUrl: options.tokenUrl,
        consumerOrg: options.consumerOrg,
        resource: options.resource,
        transport: options.transport,
        clock: options.clock,
        expiryMarginMs: options.expiryMarginMs,
        timeoutMs: options.timeoutMs,
        logger: options.logger,
      });
      return this.provider;
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }
}
