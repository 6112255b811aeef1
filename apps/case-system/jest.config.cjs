const { readFileSync } = require('fs');

const swcJestConfig = JSON.parse(readFileSync(`${__dirname}/.spec.swcrc`, 'utf-8'));
swcJestConfig.swcrc = false;

// The same e2e suite runs on PGlite (default) and on PostgreSQL (CASE_SYSTEM_DB=postgres with
// DATABASE_URL, see tools/e2e-system/with-postgres.sh). Specs under test/postgres-only/ need a
// real server (several app instances on one database) and run only there.
const onPostgres = process.env.CASE_SYSTEM_DB === 'postgres';

module.exports = {
  displayName: onPostgres ? 'case-system (postgres)' : 'case-system (pglite)',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@kjoretoyregister/source', 'node', 'require', 'default'] },
  transform: {
    '^.+\\.[tj]s$': ['@swc/jest', swcJestConfig],
    // PGlite's CommonJS build loads node built-ins with import(), which Jest's VM refuses without
    // --experimental-vm-modules; compiled through swc, those become require() calls.
    '/@electric-sql/pglite/dist/.+\\.cjs$': ['@swc/jest', swcJestConfig],
  },
  // jose, openid-client and its oauth4webapi, and p-map are ESM-only; Jest on Node 20 cannot
  // require() ESM (docs/toolchain.md#jest-esm).
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi|p-map|@electric-sql/pglite)/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/src/**/*.spec.ts'],
  // One empty PGlite cluster per run, copied for each test database (test/support/pglite-template.ts).
  globalSetup: '<rootDir>/test/support/pglite-template.ts',
  globalTeardown: '<rootDir>/test/support/pglite-template-teardown.ts',
  testPathIgnorePatterns: onPostgres ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/postgres-only/'],
  // e2e specs boot databases, the simulator and child processes; two cores are shared.
  maxWorkers: 1,
  testTimeout: 120_000,
  coverageDirectory: 'test-output/jest/coverage',
};
