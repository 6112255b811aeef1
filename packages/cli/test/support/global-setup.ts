import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The tests run the built `dist/main.js` as a subprocess, exactly as users do, so build it (and,
 * through project references, core and the simulator) first. An up-to-date build is a no-op.
 */
export default function buildCli(): void {
  const root = join(__dirname, '..', '..', '..', '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/cli/tsconfig.lib.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
