import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';
import baseConfig from '../../eslint.config.mjs';

// n8n's community-node rules, as `n8n-node lint` runs them (recommended config), on what ships:
// the credential, the node and package.json. Tests and build scripts are not shipped and get the
// workspace rules only (the n8n import allow-list would forbid node:http, the simulator, etc.).
const shipped = ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'];

export default [
  ...baseConfig,
  {
    files: ['**/*.json'],
    ignores: ['package.json'],
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
  {
    // n8n's package.json rules walk the ESTree that typescript-eslint builds for a JSON file
    // (Program > ExpressionStatement > ObjectExpression), as `n8n-node lint` parses it.
    files: ['package.json'],
    languageOptions: { parser: tseslint.parser },
  },
  {
    ...n8nCommunityNodesPlugin.configs.recommended,
    files: shipped,
  },
  {
    ignores: ['**/out-tsc', 'dist', 'examples'],
  },
];
