// Lint rules, including the architecture's import boundaries (see DEVELOPERS.md / docs/architecture.md):
// config → worker / client → workflows → activities → fabric HTTP client; nothing in the product imports the emulator.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
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
    // Activities sit below workflows and commands.
    files: ['src/activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [emulator, ...appLayers('workflows', 'commands', 'pipeline', 'worker', 'client')] }],
    },
  },
  {
    // The workflow sandbox: deterministic code only. No Node built-ins, no I/O libraries, and
    // only type imports from the layers below.
    files: ['src/workflows/**/*.ts'],
    ignores: ['src/workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows run in a deterministic sandbox: no Node built-ins.' })) }],
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: ['got', '@azure/identity', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'zod', 'yaml', 'prom-client', 'commander']
          .map((name) => ({ name, message: 'Not allowed in the workflow sandbox.', allowTypeImports: true })),
        patterns: [
          emulator,
          { group: ['**/activities', '**/activities/**', '**/fabric', '**/fabric/**', '**/pipeline/**', '**/commands/**', '**/config.js', '**/devserver/**'], message: 'Workflows import only shared code and `import type`.', allowTypeImports: true },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflows.' }, { name: 'setInterval', message: 'Use workflow sleep.' }],
    },
  },
);
