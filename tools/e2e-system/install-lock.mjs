// One install into a shared cache folder at a time. Two runs sharing the cache (CI's background
// prefetch beside the step that needs the install, or a CI job beside a local run) must never install
// into the same folder at once, and a waiter must use the winner's install. mkdir is atomic, so the
// lock is a directory `<dir>.lock` holding the holder's pid; no lock library is needed for that.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const INSTALL_MARKER = '.install-complete';

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Runs `install` unless `<dir>/.install-complete` exists, holding `<dir>.lock`. A lock whose process is
 * gone, or that never got its pid within a minute, is taken over. `install` writes the marker last.
 */
export async function underInstallLock(dir, install, { timeoutMs, label = dir } = {}) {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + (timeoutMs ?? 30 * 60_000);
  let announced = false;
  await mkdir(dirname(dir), { recursive: true });
  for (;;) {
    if (existsSync(join(dir, INSTALL_MARKER))) return;
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => '0'));
    const age = await stat(lock).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (holder > 0 ? !isAlive(holder) : age > 60_000) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lock} is still held by process ${holder}; remove it if stale`);
    if (!announced) console.log(`waiting for process ${holder}, which is installing ${label} into ${dir}`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  try {
    await writeFile(join(lock, 'pid'), String(process.pid));
    if (!existsSync(join(dir, INSTALL_MARKER))) await install();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
