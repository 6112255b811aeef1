/**
 * Compiles the SVV Kjøretøysøk OpenAPI `components.schemas` with ajv for response validation.
 * The spec lists no `required` and allows extra keys, so every object schema is tightened with
 * `additionalProperties: false`: a misspelt or invented key in a simulator response then fails
 * instead of passing silently.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

const Ajv = AjvModule.default;
const addFormats = formatsModule.default;

/**
 * SVV's published files, committed once under tools/schema-gen/spec (provenance in SOURCE.md there).
 * The simulator must not import core, but it may read the same copies of SVV's documents.
 */
const SVV_SPEC_DIR = resolve(__dirname, '../../../../../tools/schema-gen/spec');

function referenceFile(name: string): string {
  return readFileSync(resolve(SVV_SPEC_DIR, name), 'utf8');
}

type Schema = { [key: string]: unknown };

function tighten(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(tighten);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Schema;
  if (schema['properties'] !== undefined && schema['additionalProperties'] === undefined)
    schema['additionalProperties'] = false;
  Object.values(schema).forEach(tighten);
}

export function loadSvvSpec(): { components: { schemas: Record<string, Schema> } } {
  return JSON.parse(referenceFile('api_kjoretoysok_46.json')) as { components: { schemas: Record<string, Schema> } };
}

/** SVV's recorded test-environment search response (CU 10942 and EC 80261). */
export function loadSvvExample(): { kjoretoyresponser: { kjoretoy: Record<string, unknown> }[] } {
  return JSON.parse(referenceFile('example_kjoretoysok_response_testmiljo.json')) as {
    kjoretoyresponser: { kjoretoy: Record<string, unknown> }[];
  };
}

export type SvvSchemaName =
  | 'KjoretoyResponse'
  | 'KjoretoysokResponse'
  | 'KundeSokResponse'
  | 'Kjoretoy'
  | 'PersonEnhet';

export function svvValidators(): (name: SvvSchemaName) => ValidateFunction {
  const spec = loadSvvSpec();
  const schemas = structuredClone(spec.components.schemas);
  tighten(schemas);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'svv', components: { schemas } });
  const cache = new Map<string, ValidateFunction>();
  return (name) => {
    let validate = cache.get(name);
    if (!validate) {
      validate = ajv.getSchema(`svv#/components/schemas/${name}`) as ValidateFunction;
      cache.set(name, validate);
    }
    return validate;
  };
}

/** Throws with ajv's messages when `value` does not validate; returns it otherwise. */
export function expectValid(validate: ValidateFunction, value: unknown, label: string): void {
  if (!validate(value)) {
    throw new Error(`${label} does not match the SVV schema: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
  }
}
