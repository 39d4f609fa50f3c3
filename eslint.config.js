// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import stylistic from '@stylistic/eslint-plugin';

/** SDKs and I/O: the core computes, it never talks to the outside world. */
const ioModules = ['node:*', 'fs', 'http', 'https', 'net', 'child_process', 'asana', '@forge/*', 'hono', '@hono/*'];

/**
 * The architecture, written down once: each layer and what it must never import. Dependencies
 * point inward (domain ← provision ← usecases; trackers implement the ports; forge, cli and the
 * dev server only wire), and nothing of the product reaches into the emulators — except the CLI
 * files that start one on request and the dev server, listed in `mayStartEmulators`.
 * Paths are resolved to files, so `../../x` and `../x` are judged by where they land.
 */
const layers = [
  {
    from: 'src/domain',
    never: ['src/provision', 'src/usecases', 'src/trackers', 'src/forge', 'src/cli', 'src/dev-server'],
  },
  { from: 'src/provision', never: ['src/usecases', 'src/trackers', 'src/forge', 'src/cli', 'src/dev-server'] },
  { from: 'src/usecases', never: ['src/trackers', 'src/forge', 'src/cli', 'src/dev-server'] },
  { from: 'src/trackers', never: ['src/usecases', 'src/forge', 'src/cli', 'src/dev-server'] },
  { from: 'src/forge', never: ['src/cli', 'src/dev-server'] },
  { from: 'src/cli', never: ['src/forge'] },
  { from: 'src/dev-server', never: ['src/cli'] },
  // The Asana app server wires like the CLI (whose lock and ledger it shares); nothing inner reaches it.
  ...['src/domain', 'src/provision', 'src/usecases', 'src/trackers', 'src/forge'].map((from) => ({
    from,
    never: ['src/asana-app'],
  })),
  { from: 'src/asana-app', never: ['src/forge', 'src/dev-server'] },
  // The emulators stand in for Jira and Asana: they know the APIs, never our code.
  { from: 'emulators', never: ['src', 'test', 'static'] },
];
/** The only product files that may start an emulator: `emulate`, `dev` and `--local` targets. */
const mayStartEmulators = [
  'src/dev-server/**',
  'src/cli/commands/emulate.ts',
  'src/cli/commands/dev.ts',
  'src/cli/targets/*',
  'src/cli/emulators/*',
];

const zones = [
  ...layers.flatMap(({ from, never }) =>
    never.map((target) => ({
      target: `./${from}`,
      from: `./${target}`,
      message: `${from} must not import ${target}.`,
    })),
  ),
  {
    target: './src',
    from: './emulators',
    except: [],
    message:
      'Product code never imports the emulators; only the dev server and the CLI’s `emulate`, `dev` and `--local` do.',
  },
];

export default tseslint.config(
  // test/unit/fixtures/ holds code that breaks the rules on purpose; test/unit/layering.test.ts lints it.
  { ignores: ['node_modules/', 'dist/', 'static/**/dist/', 'test-results/', 'test/unit/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    // CommonJS on purpose (scripts/package-forge.cjs: the Forge bundler needs `require.main`).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Prettier wraps code at 120 but never breaks a string, template or comment: split those with +, rewrap
    // comments. Only a URL or a regex literal, which cannot be split, may run longer.
    plugins: { '@stylistic': stylistic },
    rules: { '@stylistic/max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }] },
  },
  {
    // Imports resolved to files, as Node and the bundler find them (extensionless relative paths),
    // for two rules: the layer zones above, and no import circles — each folder is layered, so a
    // circle means a concept split in the wrong place.
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
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: mayStartEmulators,
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: zones.filter((zone) => zone.from !== './emulators') }],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ioModules, message: 'src/domain does no I/O and uses no SDK.' }] },
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
    // The Automation steps' configuration form runs in the browser, on @forge/bridge alone.
    files: ['static/automation-config/src/**'],
    languageOptions: { globals: globals.browser },
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
              group: [
                '**/src/forge/*',
                '**/src/provision/*',
                '**/src/usecases/*',
                '**/src/trackers/*',
                '**/src/cli/*',
                '**/src/dev-server/*',
                '**/emulators/*',
              ],
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
);
