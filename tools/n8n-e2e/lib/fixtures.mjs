// Credentials and workflows for the run, generated from the simulator's identities at run time:
// nothing secret is stored in the repository (docs/contract.md#s9.11).

export const CUSTOM_NODE_TYPE = 'CUSTOM.fiksKjoretoyregister';
export const PACKAGE_NODE_TYPE = 'n8n-nodes-kjoretoyregister.fiksKjoretoyregister';
export const CREDENTIAL_TYPE = 'fiksKjoretoyregisterApi';

/** The credential form filled in for the simulator's Demo Kommune. */
export function credentialData(simulator, { keyMaterial = 'pem', accessToken = '', ...overrides } = {}) {
  const client = simulator.credentials.client;
  return {
    environment: 'custom',
    fiksApiUrl: simulator.url,
    maskinportenIssuer: simulator.issuer,
    maskinportenTokenUrl: simulator.tokenUrl,
    fiksOrgId: simulator.demo.fiksOrgId,
    integrasjonId: simulator.demo.integrasjonId,
    integrasjonPassword: simulator.demo.integrasjonPassord,
    clientId: simulator.demo.clientId,
    scope: 'ks:fiks',
    consumerOrg: '',
    keyMaterial,
    ...(keyMaterial === 'pem'
      ? { certificate: client.certPem, privateKey: client.keyPem, privateKeyPassphrase: '' }
      : { pkcs12Certificate: client.p12Base64, pkcs12Password: client.p12Password }),
    accessToken,
    ...overrides,
  };
}

export const STORY_PLATES = [
  'CU10942',
  'EC80261',
  'CU10001',
  'CU11306',
  'CU11293',
  'CU10149',
  ...Array.from({ length: 13 }, (_, i) => `ST100${String(i + 1).padStart(2, '0')}`),
  'TESLA1',
  'OLAN',
];

/**
 * 250 plates: the story plates (one personal, one unavailable), lower-case and spaced spellings of
 * some, 200 never-issued XX plates, and repeats. Normalised and de-duplicated: 221 distinct.
 */
export function twoHundredFiftyPlates() {
  const unknown = Array.from({ length: 200 }, (_, i) => `XX${10000 + i}`);
  const spellings = ['cu10942', 'ec 80261', 'st-10005'];
  const repeats = Array.from({ length: 26 }, (_, i) => (i % 2 === 0 ? STORY_PLATES[i % 21] : unknown[i]));
  return [...STORY_PLATES, ...spellings, ...unknown, ...repeats];
}

export function distinctCount(plates) {
  return new Set(plates.map((p) => p.replace(/[\s-]/g, '').toUpperCase())).size;
}

function node(id, name, type, typeVersion, x, parameters, extra = {}) {
  return { id, name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

function chain(names) {
  const connections = {};
  for (let i = 0; i < names.length - 1; i++) {
    connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
  }
  return connections;
}

/** A manually run workflow of `nodes`, saved inactive. */
function workflow({ id, name, nodes, connections }) {
  return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** A node's `credentials` entry for the package's credential. */
function credentialsOf(credential) {
  return { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
}

/**
 * Manual trigger → Code node emitting `json` items → our node with `parameters` (`nodeSettings` such as
 * `onError`). `nodeType` is CUSTOM_NODE_TYPE for a package loaded through N8N_CUSTOM_EXTENSIONS (the
 * bench) and PACKAGE_NODE_TYPE for an installed package (the e2e).
 */
export function codeThenNode({
  id,
  name,
  items,
  nodeName,
  parameters,
  credential,
  nodeType = CUSTOM_NODE_TYPE,
  nodeSettings = {},
}) {
  const jsCode = `return ${JSON.stringify(items)}.map((json) => ({ json }));`;
  return workflow({
    id,
    name,
    nodes: [
      node(`${id}-1`, 'Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
      node(`${id}-2`, 'Code', 'n8n-nodes-base.code', 2, 220, { jsCode }),
      node(`${id}-3`, nodeName, nodeType, 1, 440, parameters, {
        credentials: credentialsOf(credential),
        ...nodeSettings,
      }),
    ],
    connections: chain(['Start', 'Code', nodeName]),
  });
}

/** An example workflow of the package, pointed at `credential` (and, for CLI runs, the CUSTOM type). */
export function adaptExample(example, { id, credential, nodeType, replacePaths = {} }) {
  let text = JSON.stringify(example);
  for (const [from, to] of Object.entries(replacePaths)) text = text.split(from).join(to);
  const workflow = JSON.parse(text);
  workflow.id = id;
  for (const item of workflow.nodes) {
    if (item.type === PACKAGE_NODE_TYPE) {
      item.type = nodeType;
      item.credentials = credentialsOf(credential);
    }
  }
  return workflow;
}

/**
 * The node as an AI tool without a language model: n8n's hidden Tool Executor (what the editor runs when
 * a tool node is tested on its own) invokes `<type>Tool`, the variant n8n generates for a node with
 * `usableAsTool`, with `args` for its `$fromAI()` parameters.
 */
export function toolExecution({ id, name, toolName, parameters, credential, args }) {
  return workflow({
    id,
    name,
    nodes: [
      node(`${id}-1`, 'Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
      node(`${id}-2`, 'Tool Executor', '@n8n/n8n-nodes-langchain.toolExecutor', 1, 220, {
        query: JSON.stringify({ [toolName]: args }),
        toolName,
      }),
      node(`${id}-3`, toolName, `${PACKAGE_NODE_TYPE}Tool`, 1, 220, parameters, {
        credentials: credentialsOf(credential),
      }),
    ],
    connections: {
      Start: { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
      [toolName]: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
    },
  });
}
