// Lint rules, including the architecture's import boundaries (see docs/architecture.md):
// config → worker / client → workflows → activities → fabric HTTP client; nothing in the product imports the emulator.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const emulator = { group: ['**/emulator', '**/emulator/**'], message: 'The product never imports the Fabric emulator.' };
const appLayers = (...layers) =>
  layers.map((layer) => ({ group: [`**/${layer}`, `**/${layer}/**`, `**/${layer}.js`], message: `This layer may not import ${layer}.` }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // No import cycles anywhere (src, test, bench). `import type` edges are erased at compile time
    // and are not followed. Sources import `./x.js` for `./x.ts`: the resolver maps the suffix.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/emulator/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [emulator] }] },
  },
  {
    // The Fabric client knows nothing of Temporal or of the app around it.
    files: ['src/fabric/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          emulator,
          { group: ['@temporalio/*'], message: 'src/fabric has no Temporal imports.' },
          ...appLayers('activities', 'workflows', 'commands', 'pipeline', 'config', 'worker', 'client', 'devserver', 'shared'),
        ],
      }],
    },
  },
  {
    // The codec and observability read no configuration: src/config reads the environment for them
    // (src/config/encryption.ts, src/config/observability.ts). Only the codec server's process entry does.
    files: ['src/codec/**/*.ts', 'src/observability/**/*.ts'],
    ignores: ['src/codec/main.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [emulator, ...appLayers('config')] }] },
  },
  {
    // Activities sit below workflows and commands.
    files: ['src/activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [emulator, ...appLayers('workflows', 'commands', 'pipeline', 'worker', 'client')] }],
    },
  },
  {
    // The workflow sandbox: deterministic code only. No Node built-ins, no I/O libraries, and
    // only type imports from the layers below. Values come from @temporalio/workflow, src/contracts,
    // src/shared.ts, src/templates.ts, src/duration.ts and the two pure modules of src/schedules
    // that compute a run's logical date and identity.
    files: ['src/workflows/**/*.ts'],
    ignores: ['src/workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows run in a deterministic sandbox: no Node built-ins.' })) }],
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: ['got', '@azure/identity', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'zod', 'yaml', 'prom-client', 'commander']
          .map((name) => ({ name, message: 'Not allowed in the workflow sandbox.', allowTypeImports: true })),
        patterns: [
          emulator,
          {
            group: [
              '**/activities', '**/activities/**', '**/fabric', '**/fabric/**', '**/pipeline/**', '**/commands/**', '**/config.js', '**/config/**',
              '**/devserver/**', '**/codec/**', '**/observability/**', '**/worker/**', '**/worker.js', '**/client.js', '**/demo/**',
              '**/schedules/**', '!**/schedules/identity.js', '!**/schedules/logical-date.js',
              // src/workflows/pipeline/ (the fabricPipeline workflow), as the entry point src/workflows/index.ts names it.
              '!./pipeline/**',
            ],
            message: 'Workflows import only shared code and `import type`.',
            allowTypeImports: true,
          },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflows.' }, { name: 'setInterval', message: 'Use workflow sleep.' }],
    },
  },
);
