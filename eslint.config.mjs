// typescript-eslint's recommended rules (and ESLint's own) over the TypeScript and the scripts:
// `npm run lint`, part of `npm test`. Rules are turned off only with a reason beside them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test/fixtures/**', 'test/editors/fixture/**', 'docs/**', '*.vsix'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // mlsec reads hostile files and escapes what it prints: its regular expressions match NUL and
      // other control characters on purpose (binary detection, terminal escaping, characters XML
      // forbids), always written as escapes; this rule reports exactly those.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // mocha runs test files in parallel workers: a test file imported by another registers its tests
    // again in every worker that loads it. Shared code goes in test/helpers/.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '\\.test$', message: 'Import shared test code from test/helpers/, not from another test file.' }] }],
    },
  },
  {
    // Plain Node scripts (CommonJS) and this config.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: {
      // They are CommonJS: require() is how they load modules.
      '@typescript-eslint/no-require-imports': 'off',
      // `const crypto = require('crypto')` is Node's module, meant to shadow the WebCrypto global.
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
  {
    // The real-editor test hands functions to the browser page (page.evaluate): they run there.
    files: ['test/vscode/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
