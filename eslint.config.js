// Lint: typescript-eslint over all TypeScript; eslint-plugin-suitescript over the entry files and,
// more to the point, over the built files NetSuite loads (AMD define, N/ module names, headers).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const suitescript = require('eslint-plugin-suitescript');

const SUITESCRIPT_HEADER_RULES = {
  'suitescript/api-version': 'error',
  'suitescript/script-type': 'error',
};

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'build/**', '.bench/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // .graphql documents are CommonJS strings (webpack asset/source): `import doc = require('./X.graphql')`.
    files: ['src/shopify/operations/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['\\.graphql$'] }] },
  },
  {
    // The bundle runs on NetSuite's Graal engine: no Node globals, no timers, no fetch. So do the local
    // NetSuite account's own test scripts.
    files: ['src/**/*.ts', 'test/fixtures/netsuite/scripts/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'module', '__dirname', 'setTimeout', 'setInterval', 'fetch', 'console', 'global', 'globalThis'],
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!N/|\\.)', message: 'The bundle may import only N/ modules and its own files.' }] }],
    },
  },
  {
    files: ['src/scripts/*.ts', 'test/fixtures/netsuite/scripts/*.ts'],
    plugins: { suitescript },
    rules: SUITESCRIPT_HEADER_RULES,
  },
  {
    files: ['FileCabinet/SuiteScripts/shopify_b2b/*.js'],
    plugins: { suitescript },
    languageOptions: { ecmaVersion: 2019, sourceType: 'script', globals: { define: 'readonly', log: 'readonly', util: 'readonly' } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      ...SUITESCRIPT_HEADER_RULES,
      'suitescript/no-amd-name': 'error',
      'suitescript/no-invalid-modules': 'error',
      'suitescript/no-module-extensions': 'error',
      'no-undef': 'error',
    },
  },
  {
    files: ['**/*.js'],
    ignores: ['FileCabinet/**'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', fetch: 'readonly', URL: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly' },
    },
  },
);
