import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';
import baseConfig from '../../eslint.config.mjs';

// What n8n's verification scanner (@n8n/scan-community-package, `buildScanConfig` in
// scanner/scanner.mjs) applies to the shipped sources, rule for rule: the community-nodes
// recommended config, `no-console`, and eslint-plugin-n8n-nodes-base's `community` (package.json),
// `credentials` and `nodes` rule sets with the scanner's off-overrides. The scanner lints with
// inline config disabled, so an `eslint-disable` comment would pass here and fail there:
// `noInlineConfig` makes this lint see what the scanner sees. Tests and build scripts are not
// shipped and get the workspace rules only (the n8n import allow-list would forbid node:http,
// the simulator, etc.). tools/n8n-scan/scan.mjs runs the scanner itself on the packed tarball.
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
    // (Program > ExpressionStatement > ObjectExpression), as the scanner parses it.
    files: ['package.json'],
    languageOptions: { parser: tseslint.parser },
  },
  {
    ...n8nCommunityNodesPlugin.configs.recommended,
    files: shipped,
  },
  {
    files: shipped,
    plugins: { 'n8n-nodes-base': n8nNodesBase },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    rules: { 'no-console': 'error' },
  },
  {
    files: ['package.json'],
    rules: { ...n8nNodesBase.configs.community.rules },
  },
  {
    files: ['credentials/**/*.ts'],
    rules: {
      ...n8nNodesBase.configs.credentials.rules,
      // The scanner's overrides: not valid for community nodes / the community-nodes
      // credential-password-field rule is more accurate.
      'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
      'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
    },
  },
  {
    files: ['nodes/**/*.ts'],
    rules: {
      ...n8nNodesBase.configs.nodes.rules,
      // The scanner's overrides: inputs/outputs may be the enum; an API's maximum is a valid maxValue.
      'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
      'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
      'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
    },
  },
  {
    ignores: ['**/out-tsc', 'dist', 'examples'],
  },
];
