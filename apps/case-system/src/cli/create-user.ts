// Creates an API user and prints its key once (only the hash is stored):
//   node dist/src/cli/create-user.js --navn ola --rolle admin
// Uses the same database settings as the app (DATABASE_URL or DATA_DIR). With PGlite, run it
// while the app is stopped: an embedded database belongs to one process at a time.
import { parseArgs } from 'node:util';
import { UsersRepository } from '../auth/users.repository.js';
import { createApiUser, UserExistsError } from '../auth/users.service.js';
import { databaseConfig } from '../config/database.config.js';
import { openDatabase } from '../persistence/database.js';
import type { Rolle } from '../persistence/schema.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { navn: { type: 'string' }, rolle: { type: 'string', default: 'saksbehandler' } },
  });
  const rolle = values.rolle as Rolle;
  if (!values.navn || !['saksbehandler', 'admin'].includes(rolle)) {
    process.stderr.write('usage: create-user --navn <name> [--rolle saksbehandler|admin]\n');
    return 2;
  }
  const config = databaseConfig(process.env);
  if (!config.ok) {
    process.stderr.write(config.issues.map((i) => `${i.variable}: ${i.message}`).join('\n') + '\n');
    return 2;
  }
  const database = await openDatabase(config.value);
  try {
    const { user, apiKey } = await createApiUser(new UsersRepository(database), values.navn, rolle);
    process.stdout.write(`${JSON.stringify({ id: user.id, navn: user.navn, rolle: user.rolle, apiKey })}\n`);
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
