import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'],
          // No import of axios is left (core's adapter kit reads its errors), but the transport
          // still relies on axios >= 1.3 behaviour (validateStatus, maxRedirects, per-request
          // agents) through @nestjs/axios, so the peer range stays.
          ignoredDependencies: ['axios'],
        },
      ],
    },
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
  {
    ignores: ['**/out-tsc'],
  },
];
