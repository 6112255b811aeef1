// Hand-written instead of `proper-lockfile`: that library marks a lock by a directory's mtime, so
// it cannot say who holds the lock, and after a `kill -9` it blocks a restart for its whole stale
// window (10 s by default). PostgreSQL's own `postmaster.pid` rule fits an embedded database
// better: create the file exclusively, write the holder's pid and start time into it, and treat
// a file whose pid is not alive (or is this process, or a reused pid with another start time) as
// stale and take it over at once. Like PostgreSQL, two processes taking over the same stale file
// in the same instant is not guarded against; it needs a crash and two simultaneous starts.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file in `DATA_DIR`; PostgreSQL ignores unknown files in its data directory. */
export const LOCK_FILE = 'case-system.pid';

interface LockHolder {
  pid: number;
  /** ISO-8601, when the holder took the lock. */
  startedAt: string;
  hostname: string;
  /** Linux: the process start time in clock ticks since boot (/proc/<pid>/stat field 22), to tell a reused pid. */
  procStart?: string;
}

/** A running process holds the data directory. The message names it, so an operator can find it. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${holder.pid} on ${holder.hostname} (started ${holder.startedAt}): ` +
        'an embedded PGlite database belongs to one process at a time. Stop that process, or use another DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** Takes the lock on `dataDir` (which must exist) or throws `DataDirLockedError` naming the holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    hostname: hostname(),
    ...optional('procStart', procStartOf(process.pid)),
  };
  // Two rounds: the second follows the removal of a stale file.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      const holder = readHolder(path);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      removeIfPresent(path);
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        if (readHolder(path)?.pid === me.pid) removeIfPresent(path);
      },
    };
  }
  const holder = readHolder(path);
  if (holder) throw new DataDirLockedError(dataDir, holder);
  throw new Error(`Could not lock DATA_DIR ${dataDir}`);
}

/** The holder in the file, or undefined for a file cut short by a crash (stale as well). */
function readHolder(path: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { pid, startedAt, hostname: host, procStart } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
    return {
      pid,
      startedAt: typeof startedAt === 'string' ? startedAt : 'unknown',
      hostname: typeof host === 'string' ? host : 'unknown',
      ...optional('procStart', typeof procStart === 'string' ? procStart : undefined),
    };
  } catch {
    return undefined;
  }
}

/**
 * Another host's pid says nothing here, so a file from another host counts as held (a shared
 * volume must not be opened twice). This process's own pid is stale: after a crash in a container
 * the restarted app often gets the same pid.
 */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user.
    if (!isCode(error, 'EPERM')) return false;
  }
  if (holder.procStart === undefined) return true;
  const current = procStartOf(holder.pid);
  return current === undefined || current === holder.procStart;
}

function procStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
}

/** Structural, not `instanceof Error`: errors from node:fs come from another realm under Jest. */
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
