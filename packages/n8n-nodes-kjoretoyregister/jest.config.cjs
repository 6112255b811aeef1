const { readFileSync } = require('fs');

const swcJestConfig = JSON.parse(readFileSync(`${__dirname}/.spec.swcrc`, 'utf-8'));
swcJestConfig.swcrc = false;

module.exports = {
  displayName: 'n8n-nodes-kjoretoyregister',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Sibling packages resolve to their TypeScript source, as esbuild bundles them; the packaging
  // test checks the built bundle separately.
  testEnvironmentOptions: { customExportConditions: ['@kjoretoyregister/source', 'node', 'require', 'default'] },
  transform: { '^.+\\.[tj]s$': ['@swc/jest', swcJestConfig] },
  // jose is ESM-only; Jest on Node 20 cannot require() ESM (docs/toolchain.md#jest-esm).
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  coverageDirectory: 'test-output/jest/coverage',
};
