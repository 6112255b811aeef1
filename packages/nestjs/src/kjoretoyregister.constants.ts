/**
 * Injection tokens are API: apps inject them, and tests override them with
 * `Test.createTestingModule(...).overrideProvider(TOKEN)`. String values keep DI errors readable.
 */

/** The core `KjoretoyregisterClient`, for advanced use (diagnostics, `getAccessToken`, `loadKeyMaterial`). */
export const KJORETOYREGISTER_CLIENT = 'KJORETOYREGISTER:CLIENT';

/**
 * Where audit events go. Provide it from a module passed to `forRootAsync({ imports })` or from a
 * global module; without one, events go to the Nest logger without identifiers.
 */
export const AUDIT_SINK = 'KJORETOYREGISTER:AUDIT_SINK';

/** Reflector metadata key written by `@KjoretoyregisterAudit()`. */
export const KJORETOYREGISTER_AUDIT_METADATA = 'KJORETOYREGISTER:AUDIT';

/** Nest logger contexts, so apps can filter the module's lines. */
export const LOGGER_CONTEXT = 'Kjoretoyregister';
export const AUDIT_LOGGER_CONTEXT = 'KjoretoyregisterAudit';
