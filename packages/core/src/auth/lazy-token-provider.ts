import type { Clock } from '../clock.js';
import type { KeyMaterialOption } from '../config/options.js';
import type { KeyMaterial } from './key-material.js';
import type { ReadKeyFile } from './key-source.js';
import { MaskinportenTokenProvider, type MaskinportenTokenProviderOptions } from './maskinporten.js';
import type { AccessToken, TokenProvider } from './token-provider.js';
import { loadConfiguredKey } from './token-steps.js';

/** The provider's options, with the key material still as configured (files not yet read). */
type LazyTokenProviderOptions = Omit<MaskinportenTokenProviderOptions, 'keyMaterial'> & {
  keyMaterial: KeyMaterialOption;
  clock: Clock;
  /** Set by the Node entry only: key files are read on the host entry never. */
  readFile?: ReadKeyFile;
};

interface Loaded {
  key: KeyMaterial;
  provider: MaskinportenTokenProvider;
}

/**
 * Key files are read on first use so constructing a client stays synchronous; the load is
 * shared by concurrent first callers, and a failed load is retried on the next call (a fixed file
 * should not need a restart).
 */
export class LazyTokenProvider implements TokenProvider {
  private loaded?: Loaded;
  private loading?: Promise<Loaded>;

  constructor(private readonly options: LazyTokenProviderOptions) {}

  async getToken(options?: { signal?: AbortSignal }): Promise<AccessToken> {
    return (await this.load()).provider.getToken(options);
  }

  invalidate(token?: AccessToken): void {
    this.loaded?.provider.invalidate(token);
  }

  /** The loaded key material (certificate info for diagnostics); loads it if needed. */
  async keyMaterial(): Promise<KeyMaterial> {
    return (await this.load()).key;
  }

  private load(): Promise<Loaded> {
    if (this.loaded) return Promise.resolve(this.loaded);
    this.loading ??= (async () => {
      const { keyMaterial, readFile, ...rest } = this.options;
      const key = await loadConfiguredKey(keyMaterial, rest.clock, readFile);
      this.loaded = { key, provider: new MaskinportenTokenProvider({ ...rest, keyMaterial: key }) };
      return this.loaded;
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }
}
