import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { sql } from 'kysely';
import { DATABASE } from '../persistence/database.constants.js';
import type { Database } from '../persistence/database.js';

const TIMEOUT_MS = 3_000;

/** `select 1` within a bounded time; reports which database kind is in use. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async isHealthy<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(this.database.db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
        }),
      ]);
      return indicator.up({ kind: this.database.kind });
    } catch (error) {
      return indicator.down({
        kind: this.database.kind,
        reason: error instanceof Error && error.message === 'timeout' ? 'timeout' : 'query failed',
      });
    } finally {
      clearTimeout(timer);
    }
  }
}
