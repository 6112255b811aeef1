// Creates an API user and prints its key once (only the hash is stored):
//   node dist/src/cli/create-user.js --name ola --role admin
// `--navn`/`--rolle` are the deprecated old names (docs/glossary.md: flags are plumbing, in English);
// they work until 0.2.0 with a warning. The printed JSON is the `/api/brukere` answer, so it keeps
// that route's Norwegian fields.
// Uses the same database settings as the app (DATABASE_URL or DATA_DIR). With PGlite, run it
// while the app is stopped: an embedded database belongs to one process at a time, and the lock
// on DATA_DIR refuses it otherwise, pointing at POST /api/brukere on the running app.
import { parseArgs } from 'node:util';
import { ROLES } from '../auth/auth-user.js';
import { createApiUser, UserExistsError } from '../auth/users.service.js';
import { databaseConfig } from '../config/database.config.js';
import { DataDirLockedError } from '../persistence/data-dir-lock.js';
import { openDatabase, type Database } from '../persistence/database.js';
import { UsersRepository } from '../persistence/users.repository.js';

/** Old flag → new flag. */
const RENAMED = [
  ['navn', 'name'],
  ['rolle', 'role'],
] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      navn: { type: 'string' },
      rolle: { type: 'string' },
    },
  });
  for (const [old, current] of RENAMED) {
    if (values[old] === undefined) continue;
    if (values[current] !== undefined) {
      process.stderr.write(`create-user: give --${current} or --${old}, not both\n`);
      return 2;
    }
    process.stderr.write(`create-user: --${old} is deprecated and will be removed in 0.2.0; use --${current}\n`);
  }
  const name = values.name ?? values.navn;
  const role = ROLES.find((candidate) => candidate === (values.role ?? values.rolle ?? 'saksbehandler'));
  if (!name || !role) {
    process.stderr.write('usage: create-user --name <name> [--role saksbehandler|admin]\n');
    return 2;
  }
  const config = databaseConfig(process.env);
  if (!config.ok) {
    process.stderr.write(config.issues.map((i) => `${i.variable}: ${i.message}`).join('\n') + '\n');
    return 2;
  }
  let database: Database;
  try {
    database = await openDatabase(config.value);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    process.stderr.write(
      `create-user: the case system (process ${error.holder.pid}, started ${error.holder.startedAt}) holds ` +
        `DATA_DIR ${error.dataDir}. Create the user through the running app instead: ` +
        'POST /api/brukere {"navn": "…", "rolle": "saksbehandler|admin"} with an admin API key, or stop the app first.\n',
    );
    return 3;
  }
  try {
    const { user, apiKey } = await createApiUser(new UsersRepository(database), name, role, 'cli:create-user');
    process.stdout.write(`${JSON.stringify({ id: user.id, navn: user.name, rolle: user.role, apiKey })}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UserExistsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`create-user failed: ${error instanceof Error ? error.name : 'unknown error'}\n`);
    process.exit(1);
  },
);
