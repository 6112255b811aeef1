import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { FiksKjoretoyregister } from '../nodes/FiksKjoretoyregister/FiksKjoretoyregister.node';

interface WorkflowNode {
  name: string;
  type: string;
  typeVersion: number;
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
}
interface Workflow {
  name: string;
  nodes: WorkflowNode[];
  connections: Record<string, { main: { node: string }[][] }>;
}

const dir = join(__dirname, '..', 'examples');
const examples = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow] as const);

const OUR_TYPE = 'n8n-nodes-kjoretoyregister.fiksKjoretoyregister';
/** The n8n-nodes-base types and versions the examples use; tools/n8n-e2e runs both examples in n8n 2.8.4. */
const N8N_NODES = new Map([
  ['n8n-nodes-base.webhook', 2.1],
  ['n8n-nodes-base.set', 3.4],
  ['n8n-nodes-base.manualTrigger', 1],
  ['n8n-nodes-base.readWriteFile', 1.1],
  ['n8n-nodes-base.extractFromFile', 1.1],
  ['n8n-nodes-base.convertToFile', 1.1],
]);

const description = new FiksKjoretoyregister().description;

function visible(property: INodeProperties, parameters: Record<string, unknown>): boolean {
  const show = property.displayOptions?.show ?? {};
  const hide = property.displayOptions?.hide ?? {};
  const matches = (values: unknown[] | undefined, name: string) => values?.includes(parameters[name]) ?? false;
  return (
    Object.entries(show).every(([name, values]) => matches(values as unknown[], name)) &&
    !(
      Object.keys(hide).length > 0 && Object.entries(hide).every(([name, values]) => matches(values as unknown[], name))
    )
  );
}

/** Every parameter names a visible property of our node; options and collection keys exist. */
function parameterProblems(parameters: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    const property = description.properties.find((p) => p.name === name && visible(p, parameters));
    if (!property) {
      problems.push(`${name} is not a parameter of this operation`);
      continue;
    }
    if (property.type === 'options' && !property.options?.some((o) => 'value' in o && o.value === value)) {
      problems.push(`${name}: ${String(value)} is not an option`);
    }
    if (property.type === 'collection') {
      for (const key of Object.keys(value as Record<string, unknown>)) {
        if (!property.options?.some((o) => o.name === key)) problems.push(`${name}.${key} is not in the collection`);
      }
    }
  }
  return problems;
}

describe.each(examples)('example %s', (_file, workflow) => {
  it('is an importable workflow: named, with connections between its own nodes', () => {
    expect(workflow.name).toEqual(expect.any(String));
    const names = new Set(workflow.nodes.map((node) => node.name));
    for (const [from, outputs] of Object.entries(workflow.connections)) {
      expect(names.has(from)).toBe(true);
      for (const target of outputs.main.flat()) expect(names.has(target.node)).toBe(true);
    }
  });

  it('uses only node types that exist, at existing versions', () => {
    for (const node of workflow.nodes) {
      if (node.type === OUR_TYPE) expect(node.typeVersion).toBe(description.version);
      else expect(N8N_NODES.get(node.type)).toBe(node.typeVersion);
    }
  });

  it("sets valid parameters and the package's credential on our node", () => {
    const ours = workflow.nodes.filter((node) => node.type === OUR_TYPE);
    expect(ours.length).toBeGreaterThan(0);
    for (const node of ours) {
      expect(parameterProblems(node.parameters)).toEqual([]);
      expect(Object.keys(node.credentials ?? {})).toEqual(['fiksKjoretoyregisterApi']);
    }
  });
});

it('the parameter check catches a wrong parameter', () => {
  expect(parameterProblems({ resource: 'kjoretoy', operation: 'kjennemerke', navn: 'x', output: 'all' })).toEqual([
    'navn is not a parameter of this operation',
    'output: all is not an option',
  ]);
});
