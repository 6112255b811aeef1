// Jest `globalTeardown` for pglite-template.ts. Self-contained: Jest loads this file without the
// `.js` → `.ts` mapping the specs' imports use. The variable name is PGLITE_TEMPLATE_ENV there.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default function removePgliteTemplate(): void {
  const cluster = process.env['CASE_SYSTEM_TEST_PGLITE_TEMPLATE'];
  if (cluster) rmSync(dirname(cluster), { recursive: true, force: true });
}
