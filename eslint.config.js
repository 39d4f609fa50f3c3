// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/** Every folder of src/ other than domain: the pure core may import none of them. */
const outerLayers = ['provision', 'trackers', 'forge', 'cli', 'local'];
/** SDKs and I/O: the core computes, it never talks to the outside world. */
const ioModules = ['node:*', 'fs', 'http', 'https', 'net', 'child_process', 'asana', '@forge/*', 'hono', '@hono/*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'static/**/dist/', 'test-results/'] },
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
  {
    // One copy of each use case, called by the CLI and the Forge app alike: it sees only the ports.
    files: ['src/usecases/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['trackers', 'forge', 'cli', 'dev-server'].flatMap((l) => [`../${l}/*`, `../../${l}/*`]),
              message: 'A use case imports src/domain and src/provision only; the front ends and adapters import it.',
            },
          ],
        },
      ],
    },
  },
);
