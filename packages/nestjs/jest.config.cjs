const { readFileSync } = require('fs');

const swcJestConfig = JSON.parse(readFileSync(`${__dirname}/.spec.swcrc`, 'utf-8'));
swcJestConfig.swcrc = false;

module.exports = {
  displayName: 'nestjs',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Resolve sibling packages to their TypeScript source, as the workspace does; the packaging
  // test checks the built output separately.
  testEnvironmentOptions: { customExportConditions: ['@kjoretoyregister/source', 'node', 'require', 'default'] },
  transform: { '^.+\\.[tj]s$': ['@swc/jest', swcJestConfig] },
  // jose is ESM-only; Jest on Node 20 cannot require() ESM (docs/toolchain.md#jest-esm).
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: 'test-output/jest/coverage',
};
