// Heavy installs the tests need (n8n, Node.js binaries) live outside the repository, one folder per
// tool and version, and are reused by every later run.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheRoot(env = process.env) {
  return env.KJORETOYREGISTER_CACHE || join(homedir(), '.cache', 'kjoretoyregister');
}
