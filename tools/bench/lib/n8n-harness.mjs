// Real n8n 2.8.4 for item 4, reusing the e2e harness (tools/n8n-e2e/lib): a throwaway user folder,
// the node package loaded through N8N_CUSTOM_EXTENSIONS, credentials and workflows imported once,
// then `n8n execute --id` timed from spawn to exit.
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CREDENTIAL_TYPE, codeThenNode, credentialData } from '../../n8n-e2e/lib/fixtures.mjs';
import { N8N_VERSION, cacheDir, ensureN8n, isN8nInstalled } from '../../n8n-e2e/lib/install.mjs';
import { n8nEnv, outputOf, runN8n } from '../../n8n-e2e/lib/n8n-process.mjs';
import { REPO_ROOT } from './results.mjs';

export { N8N_VERSION, cacheDir, isN8nInstalled };

export const PACKAGE_DIR = join(REPO_ROOT, 'packages', 'n8n-nodes-kjoretoyregister');
export const NODE_NAME = 'Kjøretøy';
const NODE_JS = join(PACKAGE_DIR, 'dist', 'nodes', 'FiksKjoretoyregister', 'FiksKjoretoyregister.node.js');

export async function requireNodeBuilt() {
  try {
    await access(NODE_JS);
  } catch {
    throw new Error(
      `n8n-nodes-kjoretoyregister is not built (${NODE_JS}); run \`npx nx run-many -t build -p core simulator n8n-nodes-kjoretoyregister\``,
    );
  }
}

/** n8n ids are 16+ characters here as in the e2e; `kind` and `n` keep them unique per execution. */
const id = (kind, n) => `kjrBench${kind}${String(n).padStart(17 - 8 - kind.length, '0')}`;

/**
 * Sets up n8n for `executions`: each `{ key, spellings }` gets its own workflow (manual trigger →
 * Code node emitting the items → the node, lookup by kjennemerke) and its own credential, so every
 * execution starts with an empty stored token, as a fresh core client does.
 */
export async function prepareN8n({ simulator, executions, maxBulkSize, timeoutMs }) {
  const { bin } = await ensureN8n();
  const tmp = await mkdtemp(join(tmpdir(), 'kjoretoyregister-bench-n8n-'));
  const env = await n8nEnv(join(tmp, 'user'), {
    N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
    N8N_CUSTOM_EXTENSIONS: join(PACKAGE_DIR, 'dist'),
  });
  const n8n = (args) => runN8n(bin, args, env, timeoutMs);
  const credentials = [];
  const workflows = [];
  const ids = new Map();
  executions.forEach(({ key, spellings }, n) => {
    const credential = { id: id('Cred', n + 1), name: `Simulator ${n + 1}` };
    credentials.push({ ...credential, type: CREDENTIAL_TYPE, data: credentialData(simulator) });
    const workflowId = id('Wf', n + 1);
    workflows.push(
      codeThenNode({
        id: workflowId,
        name: `bench item 4: ${key}`,
        items: spellings.map((kjennemerke) => ({ kjennemerke })),
        nodeName: NODE_NAME,
        parameters: {
          resource: 'kjoretoy',
          operation: 'kjennemerke',
          kjennemerke: '={{ $json.kjennemerke }}',
          options: { maxBulkSize },
        },
        credential,
      }),
    );
    ids.set(key, workflowId);
  });
  try {
    await writeFile(join(tmp, 'credentials.json'), JSON.stringify(credentials));
    await writeFile(join(tmp, 'workflows.json'), JSON.stringify(workflows));
    for (const what of ['credentials', 'workflow']) {
      const imported = await n8n([
        `import:${what}`,
        `--input=${join(tmp, `${what === 'workflow' ? 'workflows' : what}.json`)}`,
      ]);
      if (imported.code !== 0)
        throw new Error(`n8n import:${what} exited ${imported.code}: ${imported.stderr.slice(-800)}`);
    }
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return {
    /** Runs one prepared execution; wall time is spawn to exit of `n8n execute`, start-up included. */
    async execute(key) {
      const t0 = performance.now();
      const run = await n8n(['execute', `--id=${ids.get(key)}`]);
      const wallMs = performance.now() - t0;
      if (run.code !== 0) throw new Error(`n8n execute (${key}) exited ${run.code}: ${run.stderr.slice(-800)}`);
      return { wallMs, items: outputOf(run.stdout, NODE_NAME) };
    },
    dispose: () => rm(tmp, { recursive: true, force: true }),
  };
}
