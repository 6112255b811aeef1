import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { ApiUsersTable, Role } from './schema.js';

export type ApiUserRow = Selectable<ApiUsersTable>;

@Injectable()
export class UsersRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  async insert(user: { id: string; name: string; role: Role; keyId: string; keyHash: string }): Promise<ApiUserRow> {
    return this.db
      .insertInto('api_users')
      .values({ id: user.id, name: user.name, role: user.role, key_id: user.keyId, key_hash: user.keyHash })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async byKeyId(keyId: string): Promise<ApiUserRow | undefined> {
    return this.db
      .selectFrom('api_users')
      .selectAll()
      .where('key_id', '=', keyId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
  }

  async byName(name: string): Promise<ApiUserRow | undefined> {
    return this.db.selectFrom('api_users').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async insertSession(tokenHash: string, userId: string, ttlMs: number): Promise<void> {
    await this.db
      .insertInto('web_sessions')
      .values({
        token_hash: tokenHash,
        user_id: userId,
        expires_at: sql<Date>`now() + make_interval(secs => ${ttlMs / 1000})`,
      })
      .execute();
  }

  async userForSession(tokenHash: string): Promise<ApiUserRow | undefined> {
    return this.db
      .selectFrom('web_sessions')
      .innerJoin('api_users', 'api_users.id', 'web_sessions.user_id')
      .selectAll('api_users')
      .where('web_sessions.token_hash', '=', tokenHash)
      .where('web_sessions.expires_at', '>', sql<Date>`now()`)
      .where('api_users.disabled_at', 'is', null)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('token_hash', '=', tokenHash).execute();
  }
}
