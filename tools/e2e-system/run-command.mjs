// One child process to completion, for the harnesses' install and pack steps: stdout on success;
// on failure or timeout an error naming the command, with the tail of its stderr. Not execFile:
// it has no way to end the child on a timeout with a readable error that keeps the output tail.
import { spawn } from 'node:child_process';

/** Resolves with stdout; rejects with the command and the last `tailChars` of stderr. */
export function runCommand(command, args, { cwd, env = process.env, timeoutMs, tailChars = 4000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}):\n${stderr.slice(-tailChars)}`));
    });
  });
}
