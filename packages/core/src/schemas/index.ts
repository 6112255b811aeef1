// zod schemas for SVV Kjøretøysøk responses, generated from the OpenAPI (tools/schema-gen).
// Required by other modules under these names: ResponskodeSchema, KjoretoySchema,
// KjoretoyResponseSchema, KjoretoysokResponseSchema, KundeSokResponseSchema and their types.
export * from './generated.js';
export * from './code-lists.js';
export { openEnum } from './open-enum.js';
