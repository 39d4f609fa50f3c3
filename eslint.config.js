// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/** Every folder of src/ other than domain: the pure core may import none of them. */
const outerLayers = ['provision', 'trackers', 'forge', 'cli', 'local'];
/** SDKs and I/O: the core computes, it never talks to the outside world. */
const ioModules = ['node:*', 'fs', 'http', 'https', 'net', 'child_process', 'asana', '@forge/*', 'hono', '@hono/*'];

export default tseslint.config(
  // test/unit/fixtures/ holds code that breaks the rules on purpose; test/unit/layering.test.ts lints it.
  { ignores: ['node_modules/', 'dist/', 'static/**/dist/', 'test-results/', 'test/unit/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // No import circles: each folder is layered, so a circle means a concept split in the wrong
    // place. The repo imports with explicit `.ts` extensions, which Node's resolution finds as is.
    files: [
      'src/**/*.{ts,tsx}',
      'emulators/**/*.{ts,tsx}',
      'static/panel/src/**/*.{ts,tsx}',
      'test/unit/fixtures/import-cycle/*.ts',
    ],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      // Which imported files the rule opens to follow their imports in turn, and with what parser.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outerLayers.flatMap((l) => [`../${l}/*`, `../../${l}/*`, `**/src/${l}/*`]),
              message: 'src/domain is the pure core: it imports nothing else of src/.',
            },
            { group: ioModules, message: 'src/domain does no I/O and uses no SDK.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock in src/domain: the caller passes `today`.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock in src/domain: the caller passes `today`.',
        },
      ],
    },
  },
  {
    // The panel runs in the browser: it may import types from src/ (never copy them) and pure
    // functions of src/domain, but no runtime code of the app's backend, no Node module, no SDK.
    files: ['static/panel/src/**', 'static/panel/local/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/forge/*', '**/src/provision/*', '**/src/trackers/*', '**/src/local/*', '**/src/cli/*'],
              allowTypeImports: true,
              message: 'The panel reaches the backend through api.ts; from these folders it imports types only.',
            },
            {
              group: [
                'node:*',
                '@forge/api',
                '@forge/kvs',
                '@forge/resolver',
                '@forge/events',
                'asana',
                'hono',
                '@hono/*',
              ],
              message: 'The panel runs in the browser.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/provision/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../forge/*', '../cli/*', '../local/*', '../trackers/*'],
              message: 'provision depends on domain and the Tracker port only.',
            },
          ],
        },
      ],
    },
  },
);
