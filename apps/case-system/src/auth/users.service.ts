import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { Role } from '../persistence/schema.js';
import { generateApiKey, generateSessionToken, keyIdOf, matchesHash, sha256Hex } from './api-key.js';
import type { AuthUser } from './auth-user.js';
import { UsersRepository, type ApiUserRow } from '../persistence/users.repository.js';

interface CreatedUser {
  user: AuthUser;
  /** Shown once; only its hash is stored. */
  apiKey: string;
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

  create(name: string, role: Role): Promise<CreatedUser> {
    return createApiUser(this.users, name, role);
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

  async endSession(token: string): Promise<void> {
    await this.users.deleteSession(sha256Hex(token));
  }
}

/** Also used by the `create-user` command, which runs without the Nest application. */
export async function createApiUser(users: UsersRepository, name: string, role: Role): Promise<CreatedUser> {
  if (await users.byName(name)) throw new UserExistsError();
  const key = generateApiKey();
  const row = await users.insert({ id: randomUUID(), name, role, keyId: key.keyId, keyHash: key.hash });
  return { user: toAuthUser(row), apiKey: key.key };
}

function toAuthUser(row: ApiUserRow): AuthUser {
  return { id: row.id, name: row.name, role: row.role };
}
