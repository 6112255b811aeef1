import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { Role } from '../persistence/schema.js';
import { generateApiKey, generateSessionToken, keyIdOf, matchesHash, sha256Hex } from './api-key.js';
import { actorOf, type AuthUser } from './auth-user.js';
import { UsersRepository, type ApiUserRow, type UserEventRow } from '../persistence/users.repository.js';

interface CreatedUser {
  user: AuthUser;
  /** Shown once; only its hash is stored. */
  apiKey: string;
}

/** Who an OpenID provider says logged in, with the role their claim maps to. */
export interface OidcIdentity {
  issuer: string;
  sub: string;
  /** Shown on the page and in the audit actor `bruker:<name>`. */
  name: string;
  role: Role;
}

/** A user as an admin sees it: never the key or its hash. */
export interface UserSummary extends AuthUser {
  createdAt: Date;
  disabledAt: Date | null;
}

export class UserNotFoundError extends Error {
  constructor() {
    super('No such user');
    this.name = 'UserNotFoundError';
  }
}

/** The request cannot be carried out as the user stands (disabled, or it is the caller). */
export class UserStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserStateError';
  }
}

export class UserExistsError extends Error {
  constructor() {
    super('A user with that name exists');
    this.name = 'UserExistsError';
  }
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  create(name: string, role: Role, by: AuthUser): Promise<CreatedUser> {
    return createApiUser(this.users, name, role, actorOf(by));
  }

  async list(): Promise<UserSummary[]> {
    return (await this.users.list()).map(toSummary);
  }

  /** Disables `id` at once (its key and sessions stop working); an admin cannot disable itself. */
  async disable(id: string, by: AuthUser): Promise<UserSummary> {
    if (id === by.id) throw new UserStateError('You cannot disable your own user; ask another admin');
    const disabled = await this.users.disable(id, actorOf(by));
    if (disabled) return toSummary(disabled);
    const existing = await this.users.byId(id);
    if (!existing) throw new UserNotFoundError();
    // Already disabled: the same answer, nothing new to audit.
    return toSummary(existing);
  }

  /** A new key for `id`, shown once; the old key and its web sessions stop working with it. */
  async rotateKey(id: string, by: AuthUser): Promise<CreatedUser> {
    const key = generateApiKey();
    const row = await this.users.replaceKey(id, { keyId: key.keyId, keyHash: key.hash }, actorOf(by));
    if (row) return { user: toAuthUser(row), apiKey: key.key };
    if (!(await this.users.byId(id))) throw new UserNotFoundError();
    throw new UserStateError('The user is disabled; a disabled user gets no new key');
  }

  async events(id: string): Promise<UserEventRow[]> {
    if (!(await this.users.byId(id))) throw new UserNotFoundError();
    return this.users.events(id);
  }

  /**
   * The user behind an OpenID provider's (issuer, sub): created at the first login, its role kept
   * in step with the provider's claim (audited when it changes). Undefined for a disabled user.
   */
  async oidcUser(identity: OidcIdentity): Promise<AuthUser | undefined> {
    const actor = `oidc:${identity.issuer}`;
    const existing = await this.users.byOidcSubject(identity.issuer, identity.sub);
    if (existing) {
      if (existing.disabled_at !== null) return undefined;
      if (existing.role === identity.role) return toAuthUser(existing);
      const changed = await this.users.changeRole(existing.id, identity.role, actor);
      return changed ? toAuthUser(changed) : undefined;
    }
    // The key is random and never shown: the user logs in through the provider.
    const key = generateApiKey();
    const name = (await this.users.byName(identity.name)) ? `${identity.name} (${identity.sub})` : identity.name;
    const row = await this.users.insertOidc(
      {
        id: randomUUID(),
        name,
        role: identity.role,
        keyId: key.keyId,
        keyHash: key.hash,
        issuer: identity.issuer,
        sub: identity.sub,
      },
      actor,
    );
    return toAuthUser(row);
  }

  /** The user owning `apiKey`, or undefined; the cost is the same for a wrong secret and a right one. */
  async authenticate(apiKey: string): Promise<AuthUser | undefined> {
    const keyId = keyIdOf(apiKey);
    if (!keyId) return undefined;
    const row = await this.users.byKeyId(keyId);
    if (!row || !matchesHash(apiKey, row.key_hash)) return undefined;
    return toAuthUser(row);
  }

  async startSession(user: AuthUser): Promise<string> {
    const { token, hash } = generateSessionToken();
    await this.users.insertSession(hash, user.id, this.config.app.sessionTtlMs);
    return token;
  }

  async userForSession(token: string): Promise<AuthUser | undefined> {
    const row = await this.users.userForSession(sha256Hex(token));
    return row ? toAuthUser(row) : undefined;
  }

  /** Ends the session; answers the OpenID issuer its user came from, if it was an OIDC user's (for RP logout). */
  async endSession(token: string): Promise<{ oidcIssuer?: string }> {
    const hash = sha256Hex(token);
    const user = await this.users.userForSession(hash);
    await this.users.deleteSession(hash);
    return user?.oidc_issuer ? { oidcIssuer: user.oidc_issuer } : {};
  }
}

/** Also used by the `create-user` command (actor `cli:create-user`), which runs without the Nest application. */
export async function createApiUser(
  users: UsersRepository,
  name: string,
  role: Role,
  actor: string,
): Promise<CreatedUser> {
  if (await users.byName(name)) throw new UserExistsError();
  const key = generateApiKey();
  const row = await users.insert({ id: randomUUID(), name, role, keyId: key.keyId, keyHash: key.hash }, actor);
  return { user: toAuthUser(row), apiKey: key.key };
}

function toSummary(row: ApiUserRow): UserSummary {
  return { ...toAuthUser(row), createdAt: row.created_at, disabledAt: row.disabled_at };
}

function toAuthUser(row: ApiUserRow): AuthUser {
  return { id: row.id, name: row.name, role: row.role };
}
