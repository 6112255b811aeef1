import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { sql, type Selectable, type Transaction, type UpdateObject } from 'kysely';
import { DATABASE } from './database.constants.js';
import type { Database, Db } from './database.js';
import type { ApiUsersTable, DatabaseSchema, Role, UserEventAction, UserEventsTable } from './schema.js';

export type ApiUserRow = Selectable<ApiUsersTable>;
export type UserEventRow = Selectable<UserEventsTable>;
type Executor = Transaction<DatabaseSchema> | Db;

@Injectable()
export class UsersRepository {
  private readonly db: Db;
  constructor(@Inject(DATABASE) database: Database) {
    this.db = database.db;
  }

  /** The user and its `created` event, together. */
  async insert(
    user: { id: string; name: string; role: Role; keyId: string; keyHash: string },
    actor: string,
  ): Promise<ApiUserRow> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_users')
        .values({ id: user.id, name: user.name, role: user.role, key_id: user.keyId, key_hash: user.keyHash })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.appendEvent(trx, actor, 'created', row);
      return row;
    });
  }

  /** A user of an OpenID provider, by the provider's subject; disabled ones included (they are refused, not re-created). */
  async byOidcSubject(issuer: string, sub: string): Promise<ApiUserRow | undefined> {
    return this.db
      .selectFrom('api_users')
      .selectAll()
      .where('oidc_issuer', '=', issuer)
      .where('oidc_sub', '=', sub)
      .executeTakeFirst();
  }

  /** A user first seen through an OpenID provider, with its `created` event (actor `oidc:<issuer>`). */
  async insertOidc(
    user: { id: string; name: string; role: Role; keyId: string; keyHash: string; issuer: string; sub: string },
    actor: string,
  ): Promise<ApiUserRow> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_users')
        .values({
          id: user.id,
          name: user.name,
          role: user.role,
          key_id: user.keyId,
          key_hash: user.keyHash,
          oidc_issuer: user.issuer,
          oidc_sub: user.sub,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.appendEvent(trx, actor, 'created', row);
      return row;
    });
  }

  /** The provider's claim now maps to another role: change it and audit it, together. */
  async changeRole(id: string, role: Role, actor: string): Promise<ApiUserRow | undefined> {
    return this.changeActiveUser(id, actor, 'role_changed', { role }, { keepSessions: true });
  }

  async list(): Promise<ApiUserRow[]> {
    return this.db.selectFrom('api_users').selectAll().orderBy('created_at').orderBy('name').execute();
  }

  async byId(id: string): Promise<ApiUserRow | undefined> {
    return this.db.selectFrom('api_users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Disables the user, ends its web sessions and audits it, in one transaction. Undefined when
   * there is no such user or it was disabled already (then nothing is written).
   */
  async disable(id: string, actor: string): Promise<ApiUserRow | undefined> {
    return this.changeActiveUser(id, actor, 'disabled', { disabled_at: sql<Date>`now()` });
  }

  /**
   * Replaces the key of an active user (the old one stops working with the commit), ends its
   * web sessions (opened with the old key) and audits it. Undefined for no such active user.
   */
  async replaceKey(
    id: string,
    key: { keyId: string; keyHash: string },
    actor: string,
  ): Promise<ApiUserRow | undefined> {
    return this.changeActiveUser(id, actor, 'key_rotated', { key_id: key.keyId, key_hash: key.keyHash });
  }

  /** One transaction: change an active user, end its web sessions, append the event. */
  private async changeActiveUser(
    id: string,
    actor: string,
    action: UserEventAction,
    changes: UpdateObject<DatabaseSchema, 'api_users'>,
    options: { keepSessions?: boolean } = {},
  ): Promise<ApiUserRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('api_users')
        .set(changes)
        .where('id', '=', id)
        .where('disabled_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      if (!options.keepSessions) await trx.deleteFrom('web_sessions').where('user_id', '=', id).execute();
      await this.appendEvent(trx, actor, action, row);
      return row;
    });
  }

  async events(userId: string): Promise<UserEventRow[]> {
    return this.db.selectFrom('user_events').selectAll().where('user_id', '=', userId).orderBy('occurred_at').execute();
  }

  private async appendEvent(trx: Executor, actor: string, action: UserEventAction, user: ApiUserRow): Promise<void> {
    await trx
      .insertInto('user_events')
      .values({ id: randomUUID(), actor, action, user_id: user.id, user_name: user.name })
      .execute();
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
