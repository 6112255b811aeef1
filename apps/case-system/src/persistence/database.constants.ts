/** Injection token for the open `Database` (Kysely over PGlite or pg). */
export const DATABASE = 'CASE_SYSTEM_DATABASE';
